"""The areas listed in the main window's navigation, in order. A new area is one line here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from involve_desktop.app import AppContext
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.ui.screens.base import Screen


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    make_screen: Callable[[AppContext], Screen]
    # The register is named in the charity's own word ("Members", "Young people").
    named_by_people_word: bool = False
    # Ctrl+1 to Ctrl+0 reach the areas in turn; an area with a key of its own (Home's
    # Alt+Home, Settings' Ctrl+comma) takes no digit, so the others keep theirs.
    spare_shortcut: str = ""

    def label(self, terms: PeopleTerms) -> str:
        return terms.plural.capitalize() if self.named_by_people_word else self.title


def area_shortcuts(areas: Sequence[Area]) -> list[str]:
    """The key that opens each area, in order: its own key if it has one; otherwise the next
    of Ctrl+1 to Ctrl+9, then Ctrl+0, as the number keys run ("" once they have run out)."""
    keys, digits = [], 0
    for area in areas:
        if area.spare_shortcut:
            keys.append(area.spare_shortcut)
            continue
        keys.append(f"Ctrl+{(digits + 1) % 10}" if digits < 10 else "")
        digits += 1
    return keys


def _home(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.home.home_screen import HomeScreen

    return HomeScreen(ctx)


def _people(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.people.people_screen import PeopleScreen

    return PeopleScreen(ctx)


def _activities(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.activities.activities_screen import ActivitiesScreen

    return ActivitiesScreen(ctx)


def _impact(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.impact_screen import ImpactScreen

    return ImpactScreen(ctx)


def _participation(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.participation_screen import ParticipationScreen

    return ParticipationScreen(ctx)


def _claims(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.claims.claims_screen import ClaimsScreen

    return ClaimsScreen(ctx)


def _budgets(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.budgets.budgets_screen import BudgetsScreen

    return BudgetsScreen(ctx)


def _plan(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.plan.plan_screen import PlanScreen

    return PlanScreen(ctx)


def _evaluation(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.evaluation.evaluation_screen import EvaluationScreen

    return EvaluationScreen(ctx)


def _reports(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.reports_screen import ReportsScreen

    return ReportsScreen(ctx)


def _backup(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.backup.backup_screen import BackupScreen

    return BackupScreen(ctx)


def _settings(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.settings_screen import SettingsScreen

    return SettingsScreen(ctx)


AREAS: tuple[Area, ...] = (
    # First, and where the app opens: what needs doing today and the year at a glance.
    # Alt+Home, as browsers go home; the digits stay with the areas they always opened.
    Area("home", "Home", _home, spare_shortcut="Alt+Home"),
    Area("people", "People", _people, named_by_people_word=True),
    Area("activities", "Activities", _activities),
    Area("impact", "You said, we did", _impact),
    Area("participation", "Participation", _participation),
    Area("claims", "Claims", _claims),
    Area("budgets", "Budgets", _budgets),
    Area("plan", "Strategy and plan", _plan),
    Area("evaluation", "Yearly evaluation", _evaluation),
    Area("reports", "Reports", _reports),
    Area("backup", "Backup", _backup),
    # Ctrl+comma: the key many programs give their settings, once the digits have run out.
    Area("settings", "Settings", _settings, spare_shortcut="Ctrl+,"),
)
