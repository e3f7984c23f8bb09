from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tejido.core"
    label = "core"
