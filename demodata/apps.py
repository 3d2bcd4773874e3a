from django.apps import AppConfig


class DemoDataConfig(AppConfig):
    name = "demodata"
    verbose_name = "Demo data"
