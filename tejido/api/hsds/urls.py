"""The HSDS-shaped read API under /api/hsds/, answered in JSON at every address."""

from tejido.api.hsds.api import api
from tejido.api.urls import mounted

urlpatterns = mounted(api, root=True)
