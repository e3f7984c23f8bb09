"""HSDS import and export: the specification as data, validation of both forms, the importer
and the exporter."""
