"""/export and /chart: the year's workbook and on-time chart, for the provincial office."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.context import BotContext
from bot.domain.roles import require
from bot.services import charts, export
from bot.texts.chart_render import chart_caption, chart_png
from bot.texts.export_render import export_workbook
from handlers.identify import caller_of


async def send_export(update: Update, context: BotContext) -> None:
    """/export [year]: an .xlsx of every report occurrence of the year (default: this year).

    The workbook is written while its rows are read, inside one unit of work; it is sent after.
    """
    require(caller_of(context).roles, "export")
    message = update.effective_message
    if message is None:
        return
    typed, lang = " ".join(context.args or []), context.lang
    now, timing = context.deps.clock(), context.deps.timing
    workbook = await context.deps.database.run(
        lambda s: export_workbook(export.year_export(s, typed, now, timing), lang))
    await message.reply_document(workbook.content, filename=workbook.file_name,
                                 caption=workbook.caption)


async def send_chart(update: Update, context: BotContext) -> None:
    """/chart [year]: a PNG of the on-time rate per unit and per quarter, with a caption."""
    require(caller_of(context).roles, "chart")
    message = update.effective_message
    if message is None:
        return
    typed, lang = " ".join(context.args or []), context.lang
    now, timing = context.deps.clock(), context.deps.timing
    chart = await context.deps.database.run(
        lambda s: charts.on_time_chart(s, typed, now, timing))
    picture = await asyncio.to_thread(chart_png, chart, lang)  # ~0.5 s of drawing
    await message.reply_photo(picture, caption=chart_caption(chart, lang))
