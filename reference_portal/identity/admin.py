"""Django admin for residents, for city staff."""

from django.contrib import admin

from reference_portal.identity.models import Resident


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin):
    """Staff can look up residents and (de)activate them; passwords stay with the resident."""

    list_display = ("email", "first_name", "last_name", "is_active", "is_staff", "date_joined")
    list_filter = ("is_active", "is_staff")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    fields = (
        "email",
        "first_name",
        "last_name",
        "is_active",
        "is_staff",
        "is_superuser",
        "groups",
        "user_permissions",
        "last_login",
        "date_joined",
    )
    filter_horizontal = ("groups", "user_permissions")
