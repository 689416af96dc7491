"""The Account Summary and what it leads to: consumption, bills, bill details, delivery preference (flows A7-A8)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from playwright.sync_api import Locator, expect

from portalcheck.pages.utility_billing import UtilityBillingPage
from portalcheck.test_data import Bill, Service, UtilityAccount


def money(amount: Decimal) -> str:
    """An amount as the Minot guide prints it: $53.50."""
    return f"${amount:,.2f}"


def dollars(text: str) -> Decimal:
    """The first amount ("$1,053.50") in a text, as a number."""
    found = re.search(r"\$\s*([\d,]+\.\d{2})", text)
    assert found, f"No amount in {text[:80]!r}"
    return Decimal(found.group(1).replace(",", ""))


def us_date(day: date | None) -> str:
    """A date as the Minot guide prints it: 2/8/2022."""
    return f"{day.month}/{day.day}/{day.year}" if day else ""


class AccountSummaryPage(UtilityBillingPage):
    """"Account Summary": Billing Account, Your Current Balance, About Your Payments, Customer, Services."""

    def open(self) -> AccountSummaryPage:
        """"Account Summary" in the module's menu: what the portal has stored, afresh."""
        self.go_to("Account Summary")
        return self.expect_shown()

    def expect_shown(self) -> AccountSummaryPage:
        self.expect_heading("Account Summary")
        return self

    def section(self, heading: str) -> Locator:
        return self.page.get_by_role("region", name=self.says(heading), exact=True)

    def expect_facts(self, heading: str, facts: dict[str, str]) -> None:
        """The section shows each label with its value."""
        section = self.section(heading)
        for label, value in facts.items():
            expect(section).to_contain_text(self.says(label))
            expect(section).to_contain_text(value)
        self._looked_at(section, f'The section "{self.says(heading)}"')

    def expect_table(self, heading: str, columns: tuple[str, ...], rows: Mapping[str, tuple[str, ...]]) -> None:
        """The section's table has these columns and, for each key, a row holding those cells."""
        section = self.section(heading)
        for column in columns:
            expect(section.get_by_role("columnheader", name=self.says(column), exact=True)).to_be_visible()
        for key, cells in rows.items():
            row = self.row(key, within=section)
            expect(row).to_have_count(1)
            for cell in cells:
                if cell:
                    expect(row.get_by_role("cell", name=self.says(cell), exact=True).first).to_be_visible()
        self._looked_at(section, f'The table of "{self.says(heading)}"')

    def expect_billing_account(self, account: UtilityAccount, delivery: str = "Mail") -> None:
        self.expect_facts("Billing Account", {"Service Address": account.service_address,
                                              "Account Number": account.account_number,
                                              "Bill Delivery Preference": self.says(delivery)})

    def expect_balance(self, account: UtilityAccount) -> None:
        due = next((b for b in account.bills if b.sum_of_payments < b.amount), None)
        facts = {"Amount Due Now": money(account.balance)}
        if due is not None:
            facts["Payment Due Date"] = us_date(due.due_date)
        self.expect_facts("Your Current Balance", {"Payment Due Date": "", **facts})

    def expect_payments(self, account: UtilityAccount) -> None:
        rows = {b.number: (us_date(b.last_posted), money(b.sum_of_payments), "details") for b in account.paid_bills}
        self.expect_table("About Your Payments", ("Bill", "Last Posted", "Sum of Payments", "View Details"), rows)

    def amount_due_now(self) -> Decimal:
        """The "Amount Due Now" in "Your Current Balance", as a number."""
        section = self.section("Your Current Balance")
        expect(section).to_contain_text(self.says("Amount Due Now"))
        self._looked_at(section, f'The "{self.says("Amount Due Now")}"')
        return dollars(section.inner_text().split(self.says("Amount Due Now"), 1)[1])

    def sum_of_payments(self, bill: Bill) -> Decimal:
        """The bill's "Sum of Payments" in "About Your Payments"; 0 when the bill is not listed."""
        section = self.section("About Your Payments")
        expect(section).to_be_visible()
        row = self.row(bill.number, within=section)
        if not row.count():
            return Decimal("0.00")
        self._looked_at(row, f'Bill {bill.number} in "{self.says("About Your Payments")}"')
        return dollars(row.inner_text())  # the row's one amount: its "Sum of Payments"

    def expect_customer(self, account: UtilityAccount) -> None:
        facts = {"Name": account.customer_name, "Customer ID": account.customer_id}
        for line in account.mailing_address:
            facts.setdefault("Address", line)
            expect(self.section("Customer Information")).to_contain_text(line)
        self.expect_facts("Customer Information", facts)

    def expect_services(self, account: UtilityAccount) -> None:
        rows = {s.name: (s.code, us_date(s.start_date), s.status,
                         "View Consumption" if s.consumption else "") for s in account.services}
        self.expect_table("Services", ("Service", "Code", "Start Date", "Stop Date", "Status",
                                       "Consumption History"), rows)

    def _in_row(self, heading: str, key: str, link: str) -> Locator:
        return self.row(key, within=self.section(heading)).get_by_role("link", name=re.compile(rf"^{re.escape(self.says(link))}"))

    def view_consumption(self, service: Service) -> ConsumptionPage:
        target = self._in_row("Services", service.name, "View Consumption")
        self._acting_on(target, f'Click "View Consumption" of {service.name}')
        target.click()
        return ConsumptionPage(self.page, self.profile)

    def change_delivery_preference(self) -> DeliveryPreferencePage:
        self.click("Change Bill Delivery Preference")
        return DeliveryPreferencePage(self.page, self.profile)

    def payment_details(self, bill: Bill) -> BillDetailPage:
        target = self._in_row("About Your Payments", bill.number, "details")
        self._acting_on(target, f'Click "details" of bill {bill.number}')
        target.click()
        return BillDetailPage(self.page, self.profile)


class ConsumptionPage(UtilityBillingPage):
    """A service's consumption history: a table and a chart drawn without script."""

    def expect_readings(self, service: Service) -> None:
        for reading in service.consumption:
            month = date.fromisoformat(f"{reading.month}-01").strftime("%B %Y")
            expect(self.row(month).get_by_role("cell", name=str(reading.usage), exact=True)).to_have_count(1)
        self._looked_at(self.page.get_by_role("table").first, f"{service.name} consumption by month")

    def expect_chart(self, service: Service) -> None:
        """An image whose accessible name says what it shows; the table is its text equivalent."""
        chart = self.page.get_by_role("img", name=re.compile(re.escape(service.name), re.IGNORECASE))
        self._expect_visible(chart.first, f"The {service.name} consumption chart")


class BillsPage(UtilityBillingPage):
    """"Manage Bills": the account's bills."""

    def expect_bills(self, account: UtilityAccount) -> None:
        for bill in account.bills:
            row = self.row(bill.number)
            expect(row).to_contain_text(us_date(bill.due_date))
            expect(row).to_contain_text(money(bill.amount))
        self._looked_at(self.page.get_by_role("table").first, f"Bills of account {account.account_number}")

    def bill_details(self, bill: Bill) -> BillDetailPage:
        target = self.row(bill.number).get_by_role("link", name=re.compile(rf"^{re.escape(self.says('Bill details'))}"))
        self._acting_on(target, f'Click "Bill details" of bill {bill.number}')
        target.click()
        return BillDetailPage(self.page, self.profile)


class BillDetailPage(UtilityBillingPage):
    """One bill, with the figures printed on paper."""

    def expect_bill(self, account: UtilityAccount, bill: Bill) -> None:
        self.expect_heading("Bill details")
        main = self.main()
        for value in (bill.number, account.account_number, account.customer_id, account.service_address,
                      us_date(bill.due_date), money(bill.amount)):
            expect(main).to_contain_text(value)
        if bill.last_posted:
            expect(main).to_contain_text(us_date(bill.last_posted))
        self._looked_at(main, f"Bill {bill.number}")


class DeliveryPreferencePage(UtilityBillingPage):
    """"Bill Delivery Preference": Mail or Email."""

    def change_to(self, preference: str) -> None:
        target = self.field("Bill Delivery Preference")
        target.select_option(label=self.says(preference))
        self._looked_at(target, f'Choose "{self.says(preference)}"')
        self.press_and_wait("Update")
