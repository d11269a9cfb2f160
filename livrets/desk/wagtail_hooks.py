"""A portal administrator names the certifiers' staff in the Wagtail admin (superusers only:
the staff read candidates' requests)."""

from django.contrib.auth import get_user_model
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from livrets.desk.models import StaffMembership


class AdministratorsOnly(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class StaffMembershipViewSet(ModelViewSet):
    model = StaffMembership
    menu_label = "Bureaux des certificateurs"
    icon = "group"
    add_to_admin_menu = True
    list_display = ["user", "cqp", "role", "created_at"]
    list_filter = ["cqp", "role"]
    form_fields = ["user", "cqp", "role"]


register_permission_policy(StaffMembership, AdministratorsOnly(StaffMembership), exact_class=True)


@hooks.register("register_admin_viewset")
def register_viewset():
    return StaffMembershipViewSet("bureaux")
