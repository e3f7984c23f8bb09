from django.urls import include, path

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include("tejido.api.urls")),
    path("api/hsds/", include("tejido.api.hsds.urls")),
    path("", include("tejido.web.urls")),
]

handler400 = "tejido.web.views.errors.bad_request"
handler403 = "tejido.web.views.errors.forbidden"
handler404 = "tejido.web.views.errors.not_found"
handler500 = "tejido.web.views.errors.server_error"
