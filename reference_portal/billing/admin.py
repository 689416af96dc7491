"""Django admin for utility accounts: staff look accounts up and see who linked them."""

from django.contrib import admin

from reference_portal.billing.models import AccountLink, Bill, Customer, PreviousRegistration, Service, UtilityAccount


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0


class BillInline(admin.TabularInline):
    model = Bill
    extra = 0


class AccountLinkInline(admin.TabularInline):
    model = AccountLink
    extra = 0
    readonly_fields = ("resident", "linked_at")

    def has_add_permission(self, request, obj=None):
        return False  # residents link their own accounts with the numbers on their bill


@admin.register(UtilityAccount)
class UtilityAccountAdmin(admin.ModelAdmin):
    list_display = ("account_number", "customer", "service_address", "delivery_preference")
    search_fields = ("account_number", "customer__customer_id", "customer__name", "service_address")
    inlines = [ServiceInline, BillInline, AccountLinkInline]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("customer_id", "name", "mailing_address")
    search_fields = ("customer_id", "name")


@admin.register(PreviousRegistration)
class PreviousRegistrationAdmin(admin.ModelAdmin):
    search_fields = ("email",)
    filter_horizontal = ("accounts",)
