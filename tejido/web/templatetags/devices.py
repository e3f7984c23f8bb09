from django import template

from tejido.web.devices import describe_user_agent

register = template.Library()

register.filter("device_name", describe_user_agent)
