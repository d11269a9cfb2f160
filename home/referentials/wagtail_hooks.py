"""Editors browse the referentials in the Wagtail admin, read-only.

A referential changes only by loading its file (`load_referentials`).
"""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ReferentialVersion


class ReadOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm("wagtailadmin.access_admin")

    def users_with_any_permission(self, actions):
        return (
            super().users_with_any_permission(["view"])
            if "view" in actions
            else self.model.objects.none()
        )


class ReferentialVersionViewSet(ModelViewSet):
    model = ReferentialVersion
    menu_label = "Référentiels"
    icon = "list-ul"
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["title", "source_version", "number", "certifier", "rncp", "loaded_at"]
    list_filter = ["certifier"]
    inspect_view_fields = [
        "title",
        "number",
        "certifier",
        "rncp",
        "content_hash",
        "loaded_at",
        "data",
    ]
    form_fields = ["title"]


register_permission_policy(ReferentialVersion, ReadOnlyPolicy(ReferentialVersion), exact_class=True)


@hooks.register("register_admin_viewset")
def register_viewset():
    return ReferentialVersionViewSet("referentiels")
