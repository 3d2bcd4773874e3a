"""``{% fixed_url %}``: the frame's links reversed once a process, for each script prefix."""

import pytest
from django.template import Context, Template
from django.urls import reverse, set_script_prefix


@pytest.mark.parametrize("name", ["home", "set_language", "notifications:list", "logout", "login"])
def test_the_same_url_as_reverse_under_any_prefix(name):
    template = Template("{% load casemgmt_tags %}{% fixed_url '" + name + "' %}")
    try:
        for prefix in ("/", "/prison/", "/"):
            set_script_prefix(prefix)
            assert template.render(Context()) == reverse(name)
            assert template.render(Context()).startswith(prefix)
    finally:
        set_script_prefix("/")
