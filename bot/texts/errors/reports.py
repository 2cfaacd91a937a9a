"""Error messages about reports: status replies, digests, the year's export, files, and the
office's actions on them."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "not_your_unit": {
        "vi": "Anh/chị không (còn) là cán bộ phụ trách báo cáo của {unit}, nên không cập nhật được tình hình của đơn vị này. Không có gì thay đổi.",
        "en": "You are not (or no longer) a reporting officer of {unit}, so you cannot update its status. Nothing changed.",
    },
    "unknown_report": {
        "vi": "Không tìm thấy kỳ báo cáo này (có thể hạn báo cáo đã bị xóa). Gõ /status để xem các báo cáo đang mở.",
        "en": "This report no longer exists (its deadline may have been deleted). Type /status to see the open reports.",
    },
    "note_too_long": {
        "vi": "Nội dung dài {length} ký tự, vượt quá {maximum} ký tự cho phép. Anh/chị vui lòng viết gọn lại rồi gửi lại.",
        "en": "The text is {length} characters long, over the {maximum} allowed. Please shorten it and send it again.",
    },
    "empty_note": {
        "vi": "Nội dung đang trống. Anh/chị vui lòng gõ nội dung (hoặc /cancel để hủy).",
        "en": "The text is empty. Please type it (or /cancel to stop).",
    },
    "wanted_date_not_later": {
        "vi": "Ngày đề nghị gia hạn ({wanted}) phải sau hạn hiện tại ({due}). Anh/chị vui lòng gõ lại ngày, ví dụ 25/03/2020.",
        "en": "The date asked for ({wanted}) must be after the current due date ({due}). Please type another date, e.g. 25/03/2020.",
    },
    # Digests for the provincial office.
    "unknown_occurrence": {
        "vi": "Báo cáo “{code}” không có kỳ nào ứng với “{period}”. Các kỳ gần nhất: {known}. "
              "Anh/chị vui lòng nhập ngày hạn theo dạng ngày/tháng/năm, ví dụ: "
              "<code>/digest {code} {example}</code>",
        "en": "The report “{code}” has no occurrence matching “{period}”. The nearest ones: "
              "{known}. Please give the due date as day/month/year, e.g. "
              "<code>/digest {code} {example}</code>",
    },
    # The year's export and chart (/export, /chart).
    "invalid_report_year": {
        "vi": "“{value}” không phải là một năm. Anh/chị vui lòng nhập năm gồm 4 chữ số, ví dụ: "
              "<code>/{command} {example}</code>",
        "en": "“{value}” is not a year. Please type a four-digit year, e.g. "
              "<code>/{command} {example}</code>",
    },
    "report_year_out_of_range": {
        "vi": "Năm {value} nằm ngoài khoảng bot theo dõi ({minimum}–{maximum}). Anh/chị vui lòng "
              "nhập năm khác, ví dụ: <code>/{command} {example}</code>",
        "en": "The year {value} is outside the years the bot follows ({minimum}–{maximum}). "
              "Please type another year, e.g. <code>/{command} {example}</code>",
    },
    "no_reports_in_year": {
        "vi": "Năm {year} không có kỳ báo cáo nào. Anh/chị vui lòng chọn năm khác, ví dụ: "
              "<code>/{command} {example}</code>",
        "en": "No report falls due in {year}. Please choose another year, e.g. "
              "<code>/{command} {example}</code>",
    },
    "no_reports_due_yet": {
        "vi": "Đến ngày {today}, năm {year} chưa có kỳ báo cáo nào hết hạn, nên chưa tính được "
              "tỷ lệ gửi đúng hạn.",
        "en": "As of {today} no report of {year} is past its due date yet, so there is no "
              "on-time rate to draw.",
    },
    # Files attached to a report.
    "file_type_not_allowed": {
        "vi": "Xin lỗi, bot chưa nhận loại tệp “{name}”. Anh/chị vui lòng gửi tệp thuộc một "
              "trong các loại: {allowed}. Chưa có gì được lưu.",
        "en": "Sorry, the bot does not take files like “{name}”. Please send one of these "
              "types: {allowed}. Nothing was saved.",
    },
    "file_too_large": {
        "vi": "Tệp “{name}” có dung lượng {size} MB, vượt quá mức tối đa {maximum} MB. Anh/chị "
              "vui lòng nén hoặc tách tệp rồi gửi lại. Chưa có gì được lưu.",
        "en": "The file “{name}” is {size} MB, over the {maximum} MB allowed. Please compress "
              "or split it and send it again. Nothing was saved.",
    },
    "file_without_report": {
        "vi": "Bot chưa biết tệp này thuộc báo cáo nào. Để đính kèm tệp, anh/chị trả lời "
              "(reply) tin nhắn nhắc hạn của báo cáo đó bằng tệp, hoặc gửi tệp khi bot hỏi số "
              "văn bản sau khi bấm «Đã gửi báo cáo». Chưa có gì được lưu.",
        "en": "The bot cannot tell which report this file belongs to. To attach a file, reply "
              "to that report's reminder with it, or send it when the bot asks for the "
              "document's number after “Report sent”. Nothing was saved.",
    },
    # The provincial office's buttons and commands (/giahan, /dondoc).
    "office_report_gone": {
        "vi": "Kỳ báo cáo này không còn trong lịch (hạn báo cáo đã bị xóa hoặc đã thay đổi), "
              "nên nút không còn tác dụng; không có gì thay đổi. Gõ /digest để xem tình hình "
              "mới nhất.",
        "en": "This report is no longer in the calendar (its deadline was deleted or changed), "
              "so the button does nothing; nothing changed. Type /digest for the latest.",
    },
    "unit_not_expected": {
        "vi": "{unit} không thuộc các đơn vị phải gửi báo cáo “{code}” hạn {due}; không có gì "
              "thay đổi.",
        "en": "{unit} does not have to send the report “{code}” due {due}; nothing changed.",
    },
    "ambiguous_occurrence": {
        "vi": "“{period}” ứng với nhiều kỳ của báo cáo “{code}”. Anh/chị vui lòng ghi rõ ngày "
              "hạn, ví dụ: <code>/{command} {code} {example} &lt;mã đơn vị&gt;</code>",
        "en": "“{period}” names several occurrences of the report “{code}”. Please give the "
              "due date, e.g. <code>/{command} {code} {example} &lt;unit code&gt;</code>",
    },
    "extension_not_pending": {
        "vi": "{unit} hiện không có đề nghị gia hạn nào đang chờ duyệt cho báo cáo này (đơn vị "
              "đã cập nhật tình hình khác); không có gì thay đổi.",
        "en": "{unit} has no extension request waiting for this report (the unit has since "
              "updated its status); nothing changed.",
    },
    "extension_already_approved": {
        "vi": "Đề nghị gia hạn của {unit} đã được duyệt đến ngày {until}; không có gì thay đổi.",
        "en": "{unit}'s extension was already approved until {until}; nothing changed.",
    },
    "extension_date_missing": {
        "vi": "{unit} chưa nêu ngày muốn gia hạn. Anh/chị vui lòng gõ ngày được gia hạn, ví "
              "dụ: <code>{command} dd/mm/yyyy</code>",
        "en": "{unit} did not say until when. Please type the date granted, e.g. "
              "<code>{command} dd/mm/yyyy</code>",
    },
    "grant_not_later": {
        "vi": "Ngày gia hạn ({until}) phải sau hạn hiện tại của đơn vị ({due}); không có gì "
              "thay đổi.",
        "en": "The date granted ({until}) must be after the unit's current due date ({due}); "
              "nothing changed.",
    },
    "follow_up_already_sent": {
        "vi": "Văn phòng đã đôn đốc {unit} về báo cáo này trong ngày {day}; mỗi ngày chỉ đôn "
              "đốc một lần. Không có gì thay đổi.",
        "en": "The office already followed up {unit} about this report on {day}; one follow-up "
              "a day at most. Nothing changed.",
    },
    "report_already_sent": {
        "vi": "{unit} đã báo cáo là đã gửi báo cáo này, nên không cần đôn đốc. Không có gì "
              "thay đổi.",
        "en": "{unit} has reported this report as sent, so no follow-up is needed. Nothing "
              "changed.",
    },
}
