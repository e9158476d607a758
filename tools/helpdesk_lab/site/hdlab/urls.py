"""django-helpdesk mounted at /helpdesk/ (its API at /helpdesk/api/), admin at /admin/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("helpdesk/", include("helpdesk.urls", namespace="helpdesk")),
    path("admin/", admin.site.urls),
]
