"""An import-linter contract that knows Tejido's layout, so that a new app is covered the moment
it exists, without anyone adding it to a list.

Every module under the root package plays one role, from the top down:

1. interfaces: the HTML and JSON interfaces and the demo (listed), and in every app its
   management commands, app config, factories, migrations and tests;
2. the domain: everything else in an app (services, selectors, tasks, notices, errors, ...);
3. the policy: tejido.access;
4. the models of every app (and their plain data, such as `choices`);
5. the base: tejido.core.

A module may import only from its own role and those below it (indirect chains count). Outside
the interfaces nothing imports the external packages listed in `interface_packages` (ninja).

Between apps, the foundation apps are listed bottom-up; every other app is a capability, above
them all. A domain or model module of an app may import directly only from its own app, lower
foundation apps, or (for a capability) other capabilities: no import runs back up."""

import grimp
from importlinter import Contract, ContractCheck, fields, output


class AppLayersContract(Contract):
    type_name = "app_layers"

    root = fields.StringField()
    interfaces = fields.ListField(subfield=fields.StringField())
    interface_modules = fields.ListField(subfield=fields.StringField())
    policy = fields.StringField()
    model_modules = fields.ListField(subfield=fields.StringField())
    base = fields.StringField()
    foundation = fields.ListField(subfield=fields.StringField())
    interface_packages = fields.ListField(subfield=fields.StringField())

    def _apps(self, graph: grimp.ImportGraph) -> list[str]:
        special = {f"{self.root}.{name}" for name in (*self.interfaces, self.policy, self.base)}  # type: ignore[misc]
        return sorted(
            child
            for child in graph.find_children(self.root)  # type: ignore[arg-type]
            if child not in special and graph.find_children(child)
        )

    def _role_layers(self, graph: grimp.ImportGraph, apps: list[str]) -> list[set[str]]:
        interfaces = {f"{self.root}.{name}" for name in self.interfaces}  # type: ignore[attr-defined]
        domain: set[str] = set()
        models: set[str] = set()
        for app in apps:
            for child in graph.find_children(app):
                tail = child.rsplit(".", 1)[1]
                if tail in self.interface_modules:  # type: ignore[operator]
                    interfaces.add(child)
                elif tail in self.model_modules:  # type: ignore[operator]
                    models.add(child)
                else:
                    domain.add(child)
        policy = self._split(graph, f"{self.root}.{self.policy}", interfaces)
        base = self._split(graph, f"{self.root}.{self.base}", interfaces)
        return [layer for layer in (interfaces, domain, policy, models, base) if layer]

    def _split(self, graph: grimp.ImportGraph, package: str, interfaces: set[str]) -> set[str]:
        """A package's modules, less its tests (and such), which join the interfaces."""
        own = set()
        for child in graph.find_children(package):
            if child.rsplit(".", 1)[1] in self.interface_modules:  # type: ignore[operator]
                interfaces.add(child)
            else:
                own.add(child)
        return own

    def _rank(self, app: str) -> int:
        """Foundation apps by their place in the list; capabilities above them all."""
        tail = app.rsplit(".", 1)[1]
        foundation = list(self.foundation)  # type: ignore[call-overload]
        return foundation.index(tail) if tail in foundation else len(foundation)

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        apps = self._apps(graph)
        layers = [
            grimp.Layer(*layer, independent=False) for layer in self._role_layers(graph, apps)
        ]
        problems: list[str] = []
        for dependency in graph.find_illegal_dependencies_for_layers(layers=layers):
            for route in dependency.routes:
                chain = " -> ".join([min(route.heads), *route.middle, min(route.tails)])
                problems.append(
                    f"{dependency.importer} may not import {dependency.imported}: {chain}"
                )
        for app in apps:
            for module in graph.find_descendants(app) | {app}:
                tail = module[len(app) + 1 :].split(".", 1)[0]
                if tail in self.interface_modules:  # type: ignore[operator]
                    continue
                for imported in graph.find_modules_directly_imported_by(module):
                    problems.extend(self._app_order(module, app, imported, apps))
                    if imported.split(".", 1)[0] in self.interface_packages:  # type: ignore[operator]
                        problems.append(f"{module} imports {imported}, which only interfaces use")
        for module in (f"{self.root}.{self.policy}", f"{self.root}.{self.base}"):
            for descendant in graph.find_descendants(module) | {module}:
                if ".tests" in descendant:
                    continue
                for imported in graph.find_modules_directly_imported_by(descendant):
                    if imported.split(".", 1)[0] in self.interface_packages:  # type: ignore[operator]
                        problems.append(
                            f"{descendant} imports {imported}, which only interfaces use"
                        )
        return ContractCheck(kept=not problems, metadata={"problems": sorted(set(problems))})

    def _interface_package(self, module: str, imported: str) -> list[str]:
        if imported.split(".", 1)[0] in self.interface_packages:  # type: ignore[operator]
            return [f"{module} imports {imported}, which only interfaces use"]
        return []

    def _app_order(self, module: str, app: str, imported: str, apps: list[str]) -> list[str]:
        other = next((a for a in apps if imported == a or imported.startswith(a + ".")), None)
        if other is None or other == app:
            return []
        if self._rank(other) > self._rank(app) or (
            self._rank(app) < len(self.foundation) and self._rank(other) == self._rank(app)  # type: ignore[arg-type]
        ):
            return [f"{module} imports {imported}: {other} sits above {app}"]
        return []

    def render_broken_contract(self, check: ContractCheck) -> None:
        for problem in check.metadata["problems"]:
            output.print_error(f"- {problem}", bold=False)
        output.new_line()
