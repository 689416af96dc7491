"""A server-rendered SVG bar chart of monthly consumption: no script, an accessible name, a table beside it."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 640, 240
LEFT, BOTTOM, TOP = 56, 28, 12  # room for the axis labels


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the month, under the bar
    value: str  # read out by the bar's <title>


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    title: str
    bars: tuple[Bar, ...]
    axis_max: int
    axis_y: float  # where the x axis runs
    left: int


def bar_chart(readings, service) -> Chart:
    """Bars scaled to the largest reading, rounded up to a round number for the axis label."""
    peak = max((r.usage for r in readings), default=0)
    axis_max = _round_up(peak)
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(readings), 1)
    bars = tuple(
        Bar(x=round(LEFT + i * slot + slot * 0.15, 1),
            y=round(TOP + plot_height * (1 - r.usage / axis_max), 1),
            width=round(slot * 0.7, 1),
            height=round(plot_height * r.usage / axis_max, 1),
            label=f"{r.month:%b}", value=f"{r.month:%B %Y}: {r.usage:,} {service.unit}")
        for i, r in enumerate(readings))
    first, last = (readings[0].month, readings[-1].month) if readings else (None, None)
    span = f", {first:%B %Y} to {last:%B %Y}" if first else ""
    title = f"{service.name} consumption in {service.unit.lower()} per month{span}"
    return Chart(width=WIDTH, height=HEIGHT, title=title, bars=bars, axis_max=axis_max,
                 axis_y=HEIGHT - BOTTOM, left=LEFT)


def _round_up(value: int) -> int:
    step = 1000 if value > 1000 else 100
    return max(step, -(-value // step) * step)
