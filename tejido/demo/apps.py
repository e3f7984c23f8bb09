from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Made-up data for trying Tejido out: the `seed_demo` command. It has no models."""

    name = "tejido.demo"
    label = "demo"
    verbose_name = "Demo data"
