"""Django admin for permit accounts: city staff set them up before residents link them."""

from django.contrib import admin

from reference_portal.permits.models import PermitAccount, PermitLink


class PermitLinkInline(admin.TabularInline):
    model = PermitLink
    extra = 0
    readonly_fields = ("resident", "linked_at")
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False  # residents link their own accounts; staff can only remove a link


@admin.register(PermitAccount)
class PermitAccountAdmin(admin.ModelAdmin):
    """Staff create permit accounts with the holder's e-mail and PIN, and see who linked them."""

    list_display = ("number", "holder_name", "email")
    search_fields = ("number", "holder_name", "email")
    fields = ("number", "holder_name", "email", "pin")
    inlines = [PermitLinkInline]
