"""The year's workbook and chart for the provincial office (Vietnamese and English).

Workbook texts (`export.header.*`, `export.standing.*`, `export.short.*`, `export.summary.*`)
are written into cells as they are, never as HTML; captions are HTML like every message.
"""

from __future__ import annotations

EXPORT_MESSAGES: dict[str, dict[str, str]] = {
    "command.export": {"vi": "Xuất tình hình báo cáo cả năm ra tệp Excel", "en": "The year's reporting compliance as an Excel file"},
    "command.chart": {"vi": "Biểu đồ tỷ lệ gửi báo cáo đúng hạn", "en": "Chart of on-time reporting"},
    "export.file_name": {"vi": "tinh-hinh-bao-cao-{year}.xlsx", "en": "reporting-compliance-{year}.xlsx"},
    "export.caption": {
        "vi": "📊 Tình hình thực hiện chế độ báo cáo năm {year}: {reports} kỳ báo cáo, {units} đơn vị. Cập nhật ngày {today}.",
        "en": "📊 Reporting compliance in {year}: {reports} report occurrence(s), {units} unit(s). As of {today}.",
    },
    # Columns of an occurrence's sheet.
    "export.header.unit_code": {"vi": "Mã đơn vị", "en": "Unit code"},
    "export.header.unit_name": {"vi": "Đơn vị", "en": "Unit"},
    "export.header.standing": {"vi": "Tình hình", "en": "Status"},
    "export.header.sent_on": {"vi": "Ngày gửi", "en": "Sent on"},
    "export.header.days_late": {"vi": "Chậm (ngày làm việc)", "en": "Late (working days)"},
    "export.header.note": {"vi": "Nội dung", "en": "Details"},
    "export.header.proposal": {"vi": "Đề xuất, kiến nghị", "en": "Proposal"},
    "export.header.wanted_date": {"vi": "Ngày đề nghị gia hạn", "en": "Extension asked until"},
    "export.header.granted_until": {"vi": "Được gia hạn đến", "en": "Extension granted until"},
    "export.header.updated_by": {"vi": "Người cập nhật", "en": "Updated by"},
    "export.document_ref": {"vi": "Văn bản số {ref}", "en": "Document no. {ref}"},
    # Where a unit stands: in full on an occurrence's sheet, short in the summary matrix.
    "export.standing.sent_on_time": {"vi": "Đã gửi – đúng hạn", "en": "Sent on time"},
    "export.standing.sent_late": {"vi": "Đã gửi – trễ hạn", "en": "Sent late"},
    "export.standing.in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "export.standing.blocked": {"vi": "Có khó khăn, vướng mắc", "en": "Blocked"},
    "export.standing.extension": {"vi": "Đề nghị gia hạn", "en": "Asking for more time"},
    "export.standing.not_sent": {"vi": "Chưa gửi", "en": "Not sent yet"},
    "export.standing.overdue": {"vi": "Quá hạn – chưa gửi", "en": "Overdue, not sent"},
    "export.short.sent_on_time": {"vi": "Đúng hạn", "en": "On time"},
    "export.short.sent_late": {"vi": "Trễ hạn", "en": "Late"},
    "export.short.in_progress": {"vi": "Đang làm", "en": "In progress"},
    "export.short.blocked": {"vi": "Vướng mắc", "en": "Blocked"},
    "export.short.extension": {"vi": "Xin gia hạn", "en": "Extension"},
    "export.short.not_sent": {"vi": "Chưa gửi", "en": "Not sent"},
    "export.short.overdue": {"vi": "Quá hạn", "en": "Overdue"},
    "export.short.not_expected": {"vi": "—", "en": "—"},
    # The summary sheet's block under the matrix, one column per occurrence.
    "export.summary.title": {"vi": "Báo cáo", "en": "Report"},
    "export.summary.period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "export.summary.due": {"vi": "Hạn gửi", "en": "Due"},
    "export.summary.expected": {"vi": "Số đơn vị phải báo cáo", "en": "Units that must report"},
    "export.summary.on_time_rate": {"vi": "Tỷ lệ gửi đúng hạn", "en": "Sent on time (share)"},
    # The chart.
    "chart.title": {"vi": "Tỷ lệ gửi báo cáo đúng hạn năm {year}", "en": "Reports sent on time in {year}"},
    "chart.units.all": {"vi": "Theo đơn vị ({count} đơn vị)", "en": "By unit ({count} units)"},
    "chart.units.ends": {"vi": "Theo đơn vị: {each} cao nhất và {each} thấp nhất\n(trong số {count} đơn vị)", "en": "By unit: the best {each} and the worst {each}\n(of {count} units)"},
    "chart.quarters": {"vi": "Theo quý (tất cả đơn vị)", "en": "By quarter (all units)"},
    "chart.quarter": {"vi": "Quý {name}", "en": "Quarter {name}"},
    "chart.no_reports": {"vi": "chưa có", "en": "none"},
    "chart.axis": {"vi": "Tỷ lệ đúng hạn (%)", "en": "On time (%)"},
    "chart.footer": {"vi": "Tính trên {reports} kỳ báo cáo đã hết hạn đến ngày {today}", "en": "Over {reports} report occurrence(s) past their due date as of {today}"},
    "chart.caption": {
        "vi": "📈 Tỷ lệ gửi báo cáo đúng hạn năm {year}: {rate}% ({on_time}/{due} báo cáo), tính trên {reports} kỳ báo cáo đã hết hạn đến ngày {today}.",
        "en": "📈 Reports sent on time in {year}: {rate}% ({on_time}/{due}), over {reports} report occurrence(s) past their due date as of {today}.",
    },
}
