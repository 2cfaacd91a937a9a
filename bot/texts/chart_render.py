"""The on-time chart as a PNG sized for a phone: units as horizontal bars, then the quarters.

Drawn with matplotlib's object API on the Agg canvas (no display, no pyplot global state), so
several charts can be drawn at once from worker threads.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.domain.dates import format_vn_date
from bot.domain.exports import OnTimeRate, ranked_units
from bot.services.charts import OnTimeChart
from bot.texts import MESSAGES, Lang, text

WIDTH_INCHES = 8.0
DPI = 130  # 1,040 pixels wide: sharp on a phone, small to send
BAR_INCHES = 0.36
LABEL_LIMIT = 34  # characters of a unit's name beside its bar
_GOOD, _FAIR, _POOR, _GAP = "#2e7d32", "#f9a825", "#c62828", "#9e9e9e"
_ABBREVIATIONS = (("Ủy ban nhân dân", "UBND"), ("Ủy ban Nhân dân", "UBND"))


def chart_png(chart: OnTimeChart, lang: Lang) -> bytes:
    """The chart of `chart` as PNG bytes."""
    best, worst = ranked_units(chart.units)
    bars = len(best) + len(worst) + (1 if worst else 0)
    unit_height, quarter_height = 0.9 + BAR_INCHES * bars, 2.4
    figure = Figure(figsize=(WIDTH_INCHES, unit_height + quarter_height + 1.7), dpi=DPI)
    FigureCanvasAgg(figure)
    # hspace is a share of the panels' mean height: about an inch between them.
    grid = figure.add_gridspec(2, 1, height_ratios=(unit_height, quarter_height),
                               hspace=2.2 / (unit_height + quarter_height))
    figure.suptitle(_label("chart.title", lang).format(year=chart.year), fontsize=15,
                    fontweight="bold")
    _draw_units(figure.add_subplot(grid[0]), best, worst, len(chart.units), lang)
    _draw_quarters(figure.add_subplot(grid[1]), chart.quarters, lang)
    figure.text(0.5, 0.01, _label("chart.footer", lang).format(
        reports=chart.reports, today=format_vn_date(chart.today)), ha="center", fontsize=9,
        color="#555555")
    figure.subplots_adjust(left=0.36, right=0.9, top=1 - 1.15 / figure.get_figheight(),
                           bottom=0.55 / figure.get_figheight())
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def chart_caption(chart: OnTimeChart, lang: Lang) -> str:
    """The photo's caption: the year's overall rate (HTML)."""
    on_time = sum(rate.on_time for rate in chart.quarters)
    due = sum(rate.due for rate in chart.quarters)
    return text("chart.caption", lang, year=chart.year, rate=round(100 * on_time / due),
                on_time=on_time, due=due, reports=chart.reports,
                today=format_vn_date(chart.today))


def _draw_units(axes: Axes, best: Sequence[OnTimeRate], worst: Sequence[OnTimeRate],
                total: int, lang: Lang) -> None:
    """Best at the top; with a bottom list, a grey gap separates the best from the worst."""
    rows: list[OnTimeRate | None] = [*best, *([None, *worst] if worst else [])]
    positions = range(len(rows))
    shown = [row for row in rows if row is not None]
    axes.barh([p for p, row in zip(positions, rows, strict=True) if row is not None],
              [100 * row.rate for row in shown], color=[bar_colour(row.rate) for row in shown],
              height=0.7)
    axes.set_yticks(list(positions), [_short(row.label) if row else "…" for row in rows],
                    fontsize=10)
    for position, row in zip(positions, rows, strict=True):
        if row is not None:
            axes.text(100 * row.rate + 1.5, position, rate_figure(row), va="center", fontsize=9)
        else:
            axes.axhline(position, color=_GAP, linewidth=0.8, linestyle=":")
    axes.invert_yaxis()
    key = "chart.units.ends" if worst else "chart.units.all"
    axes.set_title(_label(key, lang).format(each=len(best), count=_thousands(total)),
                   fontsize=11, loc="left")
    _percent_axis(axes, lang, horizontal=True)


def _draw_quarters(axes: Axes, quarters: Sequence[OnTimeRate], lang: Lang) -> None:
    names = [_label("chart.quarter", lang).format(name=q.label) for q in quarters]
    axes.bar(names, [100 * q.rate for q in quarters], color=[bar_colour(q.rate) for q in quarters],
             width=0.6)
    for number, quarter in enumerate(quarters):
        label = rate_figure(quarter) if quarter.due else _label("chart.no_reports", lang)
        axes.text(number, 100 * quarter.rate + 3, label, ha="center", fontsize=9)
    axes.set_title(_label("chart.quarters", lang), fontsize=12, loc="left")
    _percent_axis(axes, lang, horizontal=False)


def _percent_axis(axes: Axes, lang: Lang, *, horizontal: bool) -> None:
    if horizontal:
        axes.set_xlim(0, 118)
        axes.set_xticks([0, 25, 50, 75, 100])
        axes.set_xlabel(_label("chart.axis", lang), fontsize=9)
    else:
        axes.set_ylim(0, 118)
        axes.set_yticks([0, 25, 50, 75, 100])
        axes.set_ylabel(_label("chart.axis", lang), fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)


def rate_figure(rate: OnTimeRate) -> str:
    """'67% (2/3)': the rate and its counts, as beside each bar."""
    return f"{rate_percent(rate)}% ({rate.on_time}/{rate.due})"


def rate_percent(rate: OnTimeRate) -> int:
    """The rate in whole percent, rounded as everywhere in the chart."""
    return round(100 * rate.rate)


def _thousands(number: int) -> str:
    """10000 as 10.000, the Vietnamese way."""
    return f"{number:,}".replace(",", ".")


def bar_colour(rate: float) -> str:
    """Green from 90 %, amber from 60 %, red below."""
    return _GOOD if rate >= 0.9 else _FAIR if rate >= 0.6 else _POOR


def _short(name: str) -> str:
    """A unit's name fit for the bar's label: 'UBND huyện Càng Long', cut with '…'."""
    for long, short in _ABBREVIATIONS:
        name = name.replace(long, short)
    return name if len(name) <= LABEL_LIMIT else name[:LABEL_LIMIT - 1].rstrip() + "…"


def _label(key: str, lang: Lang) -> str:
    """A text drawn in the picture as it is (not HTML)."""
    return MESSAGES[key][lang]
