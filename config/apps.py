"""The admin site of this project (see ``config.admin_site``)."""

from django.contrib.admin.apps import AdminConfig as BaseAdminConfig


class AdminConfig(BaseAdminConfig):
    default_site = "config.admin_site.AdminSite"
