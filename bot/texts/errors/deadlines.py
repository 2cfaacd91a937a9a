"""Error messages about dates, recurrence rules, periods, reminder offsets, the working
calendar, units and selections, deadlines, due rules typed in words, the province file."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "invalid_input": {
        "vi": "Yêu cầu chưa hợp lệ nên chưa có gì bị thay đổi. Anh/chị vui lòng kiểm tra lại.",
        "en": "That request is not valid, so nothing was changed. Please check it and try again.",
    },
    # Dates
    "invalid_date": {
        "vi": "“{value}” chưa phải là một ngày hợp lệ. Anh/chị vui lòng nhập theo dạng "
              "ngày/tháng/năm, ví dụ 20/01/2021.",
        "en": "“{value}” is not a valid date. Please write it as day/month/year, "
              "for example 20/01/2021.",
    },
    "date_does_not_exist": {
        "vi": "Ngày {value} không có trên lịch: tháng {month}/{year} chỉ có {days_in_month} ngày. "
              "Anh/chị vui lòng kiểm tra lại.",
        "en": "There is no such date as {value}: {month}/{year} has only {days_in_month} days. "
              "Please check the date.",
    },
    # Recurrence rules and periods
    "invalid_rule": {
        "vi": "Quy tắc lặp lại chưa đúng ở phần “{part}” ({reason}). Quy tắc viết theo chuẩn "
              "iCalendar, ví dụ: DTSTART:20200310 RRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;"
              "BYMONTHDAY=10.",
        "en": "The recurrence rule is wrong at “{part}” ({reason}). Rules follow the iCalendar "
              "standard, for example: DTSTART:20200310 RRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;"
              "BYMONTHDAY=10.",
    },
    "rule_never_fires": {
        "vi": "Quy tắc lặp lại “{rule}” không cho ra ngày hạn nào trong {years} năm kể từ ngày "
              "bắt đầu. Anh/chị vui lòng kiểm tra lại ngày và tháng (ví dụ tháng 2 không có "
              "ngày 30).",
        "en": "The recurrence rule “{rule}” gives no due date within {years} years of its start. "
              "Please check the days and months (February has no 30th, for example).",
    },
    "invalid_period": {
        "vi": "Kỳ báo cáo “{value}” chưa hợp lệ. Các loại kỳ: month (tháng), quarter (quý), "
              "half_year (6 tháng), nine_months (9 tháng), year (năm), none (không theo kỳ).",
        "en": "The report period “{value}” is not valid. Kinds: month, quarter, half_year, "
              "nine_months, year, none.",
    },
    # Reminder offsets
    "invalid_offsets": {
        "vi": "Các mốc nhắc ({offsets}) chưa hợp lệ: mỗi mốc là một số ngày làm việc, là số "
              "nguyên từ 1 đến {maximum}, và không được trùng nhau.",
        "en": "The reminder offsets ({offsets}) are not valid: each must be a whole number of "
              "working days from 1 to {maximum}, with no repeats.",
    },
    "invalid_escalation_offsets": {
        "vi": "Các mốc báo lên Văn phòng UBND tỉnh ({escalation}) phải nằm trong các mốc nhắc "
              "quá hạn ({overdue}).",
        "en": "The escalation offsets ({escalation}) must be among the overdue offsets "
              "({overdue}).",
    },
    "offset_beyond_previous_occurrence": {
        "vi": "Nếu nhắc trước {offset} ngày làm việc thì lời nhắc cho hạn {due_date} rơi vào ngày "
              "{reminder_date}, không muộn hơn hạn của kỳ trước ({previous_due_date}). Anh/chị "
              "vui lòng chọn số ngày nhỏ hơn.",
        "en": "Reminding {offset} working days ahead would put the reminder for {due_date} on "
              "{reminder_date}, no later than the previous due date ({previous_due_date}). "
              "Please choose fewer days.",
    },
    # Working calendar
    "conflicting_calendar_day": {
        "vi": "Ngày {day} không thể vừa là ngày nghỉ vừa là ngày làm việc bù. Anh/chị vui lòng "
              "bỏ một trong hai.",
        "en": "{day} cannot be both a day off and a make-up working day. Please remove one.",
    },
    # Units and selections
    "unknown_unit": {
        "vi": "Không tìm thấy đơn vị có mã “{code}”. Có phải anh/chị muốn nhập: {suggestions}?",
        "en": "There is no unit with the code “{code}”. Did you mean: {suggestions}?",
    },
    "inactive_unit": {
        "vi": "{name} (mã {code}) hiện không còn hoạt động nên không thể chọn.",
        "en": "{name} (code {code}) is no longer active and cannot be chosen.",
    },
    "invalid_unit_code": {
        "vi": "Mã đơn vị “{code}” chưa hợp lệ: mã gồm 2–16 chữ cái thường không dấu hoặc chữ số "
              "(ví dụ skhdt) và không trùng các từ all, departments, communes, districts, "
              "agencies.",
        "en": "The unit code “{code}” is not valid: use 2–16 lowercase letters without accents "
              "or digits (e.g. skhdt), other than all, departments, communes, districts, "
              "agencies.",
    },
    "duplicate_code": {
        "vi": "Mã “{code}” đã được dùng. Anh/chị vui lòng chọn mã khác.",
        "en": "The code “{code}” is already in use. Please choose another.",
    },
    "invalid_unit_selector": {
        "vi": "Cách chọn đơn vị “{selector}” chưa hợp lệ. Anh/chị hãy dùng all (tất cả), "
              "departments (sở, ban, ngành), communes (UBND cấp xã), districts (UBND cấp "
              "huyện), agencies (cơ quan khác) hoặc mã đơn vị; thêm dấu trừ để loại trừ, ví dụ: all -bdt.",
        "en": "The unit selection “{selector}” is not valid. Use all, departments, communes, "
              "districts, agencies or unit codes; put a minus sign before one to leave it out, e.g. all -bdt.",
    },
    "empty_unit_selection": {
        "vi": "Cách chọn “{selector}” không còn đơn vị nào. Anh/chị vui lòng kiểm tra lại.",
        "en": "The selection “{selector}” leaves no unit at all. Please check it.",
    },
    # Deadlines
    "invalid_deadline_code": {
        "vi": "Mã hạn báo cáo “{code}” chưa hợp lệ: mã gồm 2–32 chữ cái thường không dấu, chữ số "
              "hoặc dấu gạch dưới, bắt đầu bằng chữ cái, ví dụ khnam_noidung.",
        "en": "The deadline code “{code}” is not valid: use 2–32 lowercase letters without "
              "accents, digits or underscores, starting with a letter, e.g. khnam_noidung.",
    },
    "invalid_deadline_text": {
        "vi": "Nội dung này chưa lưu được. Anh/chị vui lòng nhập lại.",
        "en": "This text cannot be stored. Please type it again.",
    },
    "empty_deadline_title": {
        "vi": "Tên báo cáo không được để trống. Ví dụ: Báo cáo tình hình thực hiện kế hoạch "
              "năm.",
        "en": "The report's title cannot be empty. Example: Annual plan implementation report.",
    },
    "deadline_title_too_long": {
        "vi": "Tên báo cáo dài {length} ký tự, quá giới hạn {maximum} ký tự. Anh/chị vui lòng "
              "rút gọn.",
        "en": "The title is {length} characters long, over the limit of {maximum}. Please "
              "shorten it.",
    },
    "legal_basis_too_long": {
        "vi": "Căn cứ dài {length} ký tự, quá giới hạn {maximum} ký tự. Anh/chị chỉ cần ghi số, "
              "ngày văn bản và mục, ví dụ: Quyết định số 01/QĐ-UBND ngày 02/01/2020, mục 1.1.",
        "en": "The legal basis is {length} characters long, over the limit of {maximum}. The "
              "number, date and clause are enough, e.g. Decision 01/QĐ-UBND of 02/01/2020, 1.1.",
    },
    "deadline_text_control_characters": {
        "vi": "Nội dung có ký tự xuống dòng, tab hoặc ký tự ẩn. Anh/chị vui lòng viết trên một "
              "dòng.",
        "en": "The text holds a line break, a tab or an invisible character. Please write it "
              "on one line.",
    },
    "unknown_recipient": {
        "vi": "Không có đơn vị hay nơi nhận nào có mã “{code}”. Có phải anh/chị muốn nhập: "
              "{suggestions}?",
        "en": "No unit or recipient has the code “{code}”. Did you mean: {suggestions}?",
    },
    "deadline_already_paused": {
        "vi": "Hạn báo cáo <code>{code}</code> ({title}) đang tạm dừng. Để chạy lại: "
              "/deadline_resume {code}",
        "en": "The deadline <code>{code}</code> ({title}) is already paused. To resume it: "
              "/deadline_resume {code}",
    },
    "deadline_not_paused": {
        "vi": "Hạn báo cáo <code>{code}</code> ({title}) đang chạy, không cần tiếp tục.",
        "en": "The deadline <code>{code}</code> ({title}) is running; there is nothing to resume.",
    },
    "invalid_deadline_field": {
        "vi": "Không có mục “{value}” để sửa. Các mục: ten (tên báo cáo), cancu (căn cứ), "
              "noinhan (nơi nhận), han (hạn), donvi (đơn vị), nhac (mốc nhắc). Ví dụ: "
              "/deadline_edit quy han ngày 15 tháng cuối quý",
        "en": "There is no field “{value}”. Fields: title, legal, recipient, rule, units, "
              "offsets. Example: /deadline_edit quy rule ngày 15 tháng cuối quý",
    },
    "unknown_deadline": {
        "vi": "Không tìm thấy hạn báo cáo có mã “{code}”. Có phải anh/chị muốn nhập: "
              "{suggestions}?",
        "en": "There is no deadline with the code “{code}”. Did you mean: {suggestions}?",
    },
    # Due rules typed in words
    "unrecognised_due_rule": {
        "vi": "Chưa đọc được hạn “{typed}”. Anh/chị vui lòng gõ theo một trong các cách sau:\n"
              "• một lần: <code>10/07/2020</code>\n"
              "• hằng năm: <code>20/01 hằng năm</code>\n"
              "• hằng quý: <code>ngày 10 tháng cuối quý</code> (hoặc tháng đầu quý, tháng giữa quý)\n"
              "• hằng tháng: <code>ngày 25 hằng tháng</code>\n"
              "• ngày cuối mỗi tháng: <code>cuối tháng</code>",
        "en": "Cannot read the due rule “{typed}”. Please type it in one of these forms:\n"
              "• once: <code>10/07/2020</code>\n"
              "• every year: <code>20/01 hằng năm</code>\n"
              "• every quarter: <code>ngày 10 tháng cuối quý</code> (or tháng đầu quý, tháng giữa quý)\n"
              "• every month: <code>ngày 25 hằng tháng</code>\n"
              "• the last day of every month: <code>cuối tháng</code>",
    },
    "past_one_off_date": {
        "vi": "Ngày {date} đã qua (hôm nay là {today}), nên hạn một lần này sẽ không bao giờ "
              "đến. Anh/chị vui lòng nhập một ngày từ hôm nay trở đi, hoặc nếu hạn lặp lại mỗi "
              "năm thì gõ, ví dụ: <code>{example}</code>",
        "en": "{date} has passed (today is {today}), so this one-off deadline would never come. "
              "Please type a date from today on or, if it recurs every year, for example: "
              "<code>{example}</code>",
    },
    "day_missing_from_months": {
        "vi": "Tháng {months} không có ngày {day}, nên hạn báo cáo sẽ bị bỏ qua trong tháng đó. "
              "Anh/chị vui lòng chọn ngày khác, ví dụ: <code>{example}</code>",
        "en": "There is no day {day} in month(s) {months}, so the report would be skipped there. "
              "Please choose another day, for example: <code>{example}</code>",
    },
    "leap_day_not_every_year": {
        "vi": "Ngày 29/02 chỉ có vào năm nhuận, nên hạn “{typed}” sẽ bị bỏ qua ba năm trong "
              "bốn năm. Anh/chị vui lòng chọn ngày khác, ví dụ: <code>{example}</code>",
        "en": "29 February exists only in leap years, so “{typed}” would be skipped three years "
              "in four. Please choose another day, for example: <code>{example}</code>",
    },
    "monthly_day_too_late": {
        "vi": "Không phải tháng nào cũng có ngày {day} (tháng 2 chỉ có 28 hoặc 29 ngày), nên hạn "
              "sẽ bị bỏ qua ở những tháng đó. Anh/chị vui lòng chọn một ngày từ 1 đến {maximum}, "
              "hoặc nếu hạn là ngày cuối cùng của mỗi tháng thì gõ: <code>{example}</code>",
        "en": "Not every month has a day {day} (February has 28 or 29 days), so the report would "
              "be skipped in some months. Please choose a day from 1 to {maximum} or, if it is "
              "due on the last day of every month, type: <code>{example}</code>",
    },
    # Province data file (read by operators)
    "invalid_province_data": {
        "vi": "Tệp dữ liệu {file} có lỗi tại {where}: {detail}. Chưa có dữ liệu nào được nạp.",
        "en": "The data file {file} has a mistake at {where}: {detail}. Nothing was loaded.",
    },
}
