"""Polite explanations of domain errors (bot.domain.errors), by error code.

Each message uses only the params its error carries (see the error classes); the `reason` param
is an English note for logs and is shown only where the problem is technical (rule syntax).
"""

from __future__ import annotations

ERROR_MESSAGES: dict[str, dict[str, str]] = {
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
              "(ví dụ skhdt) và không trùng các từ all, departments, districts, agencies.",
        "en": "The unit code “{code}” is not valid: use 2–16 lowercase letters without accents "
              "or digits (e.g. skhdt), other than all, departments, districts, agencies.",
    },
    "duplicate_code": {
        "vi": "Mã “{code}” đã được dùng. Anh/chị vui lòng chọn mã khác.",
        "en": "The code “{code}” is already in use. Please choose another.",
    },
    "invalid_unit_selector": {
        "vi": "Cách chọn đơn vị “{selector}” chưa hợp lệ. Anh/chị hãy dùng all (tất cả), "
              "departments (sở, ban, ngành), districts (UBND cấp huyện), agencies (cơ quan "
              "khác) hoặc mã đơn vị; thêm dấu trừ để loại trừ, ví dụ: all -bdt.",
        "en": "The unit selection “{selector}” is not valid. Use all, departments, districts, "
              "agencies or unit codes; put a minus sign before one to leave it out, e.g. all -bdt.",
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

ERROR_MESSAGES.update({
    "not_allowed": {
        "vi": "Xin lỗi, lệnh /{command} chỉ dành cho {role}. Không có gì bị thay đổi.",
        "en": "Sorry, /{command} is only for the {role} role. Nothing was changed.",
    },
    "wrong_usage": {
        "vi": "Lệnh chưa đúng cú pháp. Cách dùng: <code>{usage}</code>, ví dụ: <code>{example}</code>",
        "en": "That command is incomplete. Usage: <code>{usage}</code>, e.g. <code>{example}</code>",
    },
    "invite_unknown": {
        "vi": "Mã đăng ký không đúng. Vui lòng kiểm tra lại đường dẫn hoặc xin Văn phòng UBND tỉnh cấp mã mới.",
        "en": "That registration code is not valid. Check the link or ask the Provincial Office for a new one.",
    },
    "invite_malformed": {
        "vi": "Mã đăng ký không đúng định dạng. Vui lòng mở lại đúng đường dẫn đã được gửi.",
        "en": "That registration code is malformed. Please open the exact link you were sent.",
    },
    "invite_expired": {
        "vi": "Đường dẫn đăng ký đã hết hạn. Vui lòng xin Văn phòng UBND tỉnh cấp đường dẫn mới.",
        "en": "That registration link has expired. Please ask the Provincial Office for a new one.",
    },
    "invite_used": {
        "vi": "Đường dẫn đăng ký này đã được sử dụng. Vui lòng xin Văn phòng UBND tỉnh cấp đường dẫn mới.",
        "en": "That registration link has already been used. Please ask for a new one.",
    },
    "invite_revoked": {
        "vi": "Đường dẫn đăng ký này đã bị thu hồi. Vui lòng liên hệ Văn phòng UBND tỉnh.",
        "en": "That registration link was revoked. Please contact the Provincial Office.",
    },
    "already_registered": {
        "vi": "Anh/chị đã được đăng ký cho {unit} từ trước; không có gì thay đổi.",
        "en": "You were already registered for {unit}; nothing changed.",
    },
    "not_a_member": {
        "vi": "Anh/chị không phụ trách đơn vị {unit}.",
        "en": "You do not serve {unit}.",
    },
    "unknown_person": {
        "vi": "Không tìm thấy người dùng {ref}. Hãy dùng @tên_người_dùng hoặc Telegram id như trong /people.",
        "en": "No registered person {ref}. Use @username or the Telegram id shown by /people.",
    },
    "unknown_invite_number": {
        "vi": "Không có đường dẫn đăng ký {ref} còn hiệu lực. Xem danh sách bằng /invites.",
        "en": "There is no open invite {ref}. See /invites.",
    },
    "last_admin": {
        "vi": "{name} là quản trị viên cuối cùng; hãy cấp quyền cho người khác trước.",
        "en": "{name} is the last admin; grant admin rights to someone else first.",
    },
    "request_already_handled": {
        "vi": "Yêu cầu này đã được xử lý trước đó; không có gì thay đổi.",
        "en": "That request was already handled; nothing changed.",
    },
})

# Unit administration (/unit_add, /unit_edit, /unit_disable) and inline buttons.
ERROR_MESSAGES.update({
    "invalid_unit_group": {
        "vi": "Nhóm đơn vị “{value}” chưa đúng; chưa có gì bị thay đổi. Anh/chị chọn một trong: "
              "department hoặc so (sở, ban, ngành), district hoặc huyen (UBND cấp huyện), "
              "agency hoặc co-quan (cơ quan khác).",
        "en": "“{value}” is not a unit group; nothing was changed. Use department (or so), "
              "district (or huyen), agency (or co-quan).",
    },
    "unit_name_empty": {
        "vi": "Tên đơn vị không được để trống; chưa có gì bị thay đổi. Anh/chị vui lòng nhập "
              "tên đầy đủ, ví dụ: Sở Du lịch.",
        "en": "The unit name cannot be empty; nothing was changed. Please give the full name.",
    },
    "unit_name_too_long": {
        "vi": "Tên đơn vị dài {length} ký tự, vượt quá giới hạn {maximum} ký tự; chưa có gì bị "
              "thay đổi. Anh/chị vui lòng rút gọn tên.",
        "en": "The unit name has {length} characters, more than the {maximum} allowed; nothing "
              "was changed. Please shorten it.",
    },
    "unit_name_control_characters": {
        "vi": "Tên đơn vị chứa ký tự ẩn hoặc ký tự điều khiển (xuống dòng, tab, ký tự không "
              "hiển thị); chưa có gì bị thay đổi. Anh/chị vui lòng nhập tên trên một dòng, chỉ "
              "gồm chữ, số và dấu câu.",
        "en": "The unit name contains hidden or control characters (line breaks, tabs, invisible "
              "characters); nothing was changed. Please type the name on one line.",
    },
    "text_with_nul": {
        "vi": "Tin nhắn có ký tự điều khiển không đọc được (NUL); chưa có gì bị thay đổi. "
              "Anh/chị vui lòng gõ lại tin nhắn.",
        "en": "The message contains an unreadable control character (NUL); nothing was changed. "
              "Please type it again.",
    },
    "unit_already_disabled": {
        "vi": "{name} (mã {code}) đã ngừng theo dõi từ trước; không có gì thay đổi.",
        "en": "{name} (code {code}) was already disabled; nothing changed.",
    },
    "unit_already_active": {
        "vi": "{name} (mã {code}) đang được theo dõi; không có gì thay đổi.",
        "en": "{name} (code {code}) is already followed; nothing changed.",
    },
    "stale_button": {
        "vi": "Nút này đã cũ hoặc không hợp lệ nên không có gì bị thay đổi. Anh/chị vui lòng "
              "gõ lại lệnh, ví dụ /units.",
        "en": "That button is outdated or not valid, so nothing was changed. Please type the "
              "command again, e.g. /units.",
    },
})

# Group chats registered for a unit or for the office.
ERROR_MESSAGES.update({
    "invite_person_in_group": {
        "vi": "Đây là đường dẫn đăng ký dành cho một người nên không dùng được trong nhóm; không có "
              "gì bị thay đổi. Người được mời vui lòng mở đường dẫn trong tin nhắn riêng với bot. "
              "Để đăng ký nhóm, xin Văn phòng UBND tỉnh cấp đường dẫn đăng ký nhóm.",
        "en": "This registration link is for a person, so it cannot be used in a group; nothing "
              "was changed. The person invited should open it in a private chat with the bot. "
              "To register a group, ask the Provincial Office for a group link.",
    },
    "invite_group_in_private_chat": {
        "vi": "Đây là đường dẫn đăng ký dành cho một nhóm Telegram nên không dùng được trong tin "
              "nhắn riêng; không có gì bị thay đổi. Vui lòng mở đường dẫn và chọn nhóm để thêm bot "
              "vào nhóm, hoặc gửi lệnh /start kèm mã đăng ký ngay trong nhóm.",
        "en": "This registration link is for a Telegram group, so it cannot be used in a private "
              "chat; nothing was changed. Open the link and choose the group to add the bot to "
              "it, or send /start with the code inside the group.",
    },
    "group_already_registered": {
        "vi": "Nhóm này đã được đăng ký cho {target} từ trước; không có gì thay đổi.",
        "en": "This group was already registered for {target}; nothing changed.",
    },
    "group_serves_another_target": {
        "vi": "Nhóm này đang nhận tin nhắn cho {current} nên chưa thể đăng ký cho {wanted}; không "
              "có gì bị thay đổi. Nếu muốn chuyển nhóm sang {wanted}, hãy xoá bot khỏi nhóm rồi "
              "thêm lại bằng chính đường dẫn đăng ký nhóm này.",
        "en": "This group already serves {current}, so it cannot be registered for {wanted}; "
              "nothing was changed. To move the group to {wanted}, remove the bot from the group, "
              "then add it again with this same group link.",
    },
})

# Multi-step chat flows. The flow_* texts of refused buttons are shown as the answer to the tap
# (a short notice, at most 200 characters, no HTML).
ERROR_MESSAGES.update({
    "flow_finished": {
        "vi": "Thao tác này đã kết thúc hoặc đã được hủy nên nút không còn tác dụng; không có gì "
              "thay đổi.",
        "en": "This flow has already ended or was cancelled, so the button does nothing; nothing "
              "changed.",
    },
    "flow_expired": {
        "vi": "Thao tác đã hết hạn vì lâu không có trả lời; chưa có gì được lưu. Gõ /{command} "
              "để bắt đầu lại.",
        "en": "This flow expired after a long pause; nothing was saved. Type /{command} to start "
              "again.",
    },
    "flow_not_yours": {
        "vi": "Nút này thuộc thao tác của người khác; không có gì thay đổi.",
        "en": "This button belongs to someone else's flow; nothing changed.",
    },
    "flow_step_passed": {
        "vi": "Bước này đã được trả lời; anh/chị vui lòng dùng tin nhắn mới nhất. Không có gì "
              "thay đổi.",
        "en": "This step was already answered; please use the latest message. Nothing changed.",
    },
    "flow_answer_with_buttons": {
        "vi": "Ở bước này anh/chị vui lòng bấm một nút bên dưới câu hỏi (hoặc gõ /cancel để hủy).",
        "en": "At this step please tap one of the buttons under the question (or type /cancel "
              "to stop).",
    },
})

ERROR_MESSAGES.update({
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
})

# Digests for the provincial office.
ERROR_MESSAGES.update({
    "unknown_occurrence": {
        "vi": "Báo cáo “{code}” không có kỳ nào ứng với “{period}”. Các kỳ gần nhất: {known}. "
              "Anh/chị vui lòng nhập ngày hạn theo dạng ngày/tháng/năm, ví dụ: "
              "<code>/digest {code} {example}</code>",
        "en": "The report “{code}” has no occurrence matching “{period}”. The nearest ones: "
              "{known}. Please give the due date as day/month/year, e.g. "
              "<code>/digest {code} {example}</code>",
    },
})

# The year's export and chart (/export, /chart).
ERROR_MESSAGES.update({
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
})

# Files attached to a report.
ERROR_MESSAGES.update({
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
})

# The provincial office's buttons and commands (/giahan, /dondoc).
ERROR_MESSAGES.update({
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
})

# Working days (/holidays, /dayoff, /workday, /day_remove).
ERROR_MESSAGES.update({
    "date_out_of_range": {
        "vi": "Ngày {value} nằm ngoài khoảng lịch bot biết (năm {minimum}–{maximum}). Anh/chị "
              "vui lòng nhập ngày trong khoảng đó, ví dụ 10/03/2020.",
        "en": "{value} is outside the years the calendar knows ({minimum}–{maximum}). Please "
              "type a date in those years, e.g. 10/03/2020.",
    },
    "calendar_day_in_past": {
        "vi": "Ngày {day} đã qua (hôm nay là {today}); thay đổi ngày đã qua sẽ làm sai lịch sử "
              "nhắc hạn và báo cáo nên bot không nhận. Anh/chị vui lòng chọn một ngày từ hôm nay "
              "trở đi. Chưa có gì thay đổi.",
        "en": "{day} is in the past (today is {today}); changing past days would rewrite the "
              "history of reminders and reports, so the bot refuses. Please choose a day from "
              "today on. Nothing was changed.",
    },
    "day_off_on_weekend": {
        "vi": "Ngày {day} là thứ Bảy hoặc Chủ nhật, vốn đã là ngày nghỉ nên không cần thêm. "
              "Nếu cơ quan được nghỉ thêm một ngày trong tuần, anh/chị gõ ngày đó, ví dụ: "
              "<code>/dayoff {example} Nghỉ bù</code>",
        "en": "{day} is a Saturday or Sunday, already a day off, so there is nothing to add. "
              "To add a weekday off, type that day, e.g. <code>/dayoff {example} Nghỉ bù</code>",
    },
    "day_off_on_holiday": {
        "vi": "Ngày {day} đã là ngày nghỉ lễ ({name}) theo lịch nghỉ của Nhà nước nên không cần "
              "thêm. Nếu được nghỉ bù, anh/chị gõ ngày nghỉ bù, ví dụ: "
              "<code>/dayoff {example} Nghỉ bù</code>",
        "en": "{day} is already a public holiday ({name}), so there is nothing to add. For a "
              "compensatory day off, type that day, e.g. <code>/dayoff {example} Nghỉ bù</code>",
    },
    "working_day_already_worked": {
        "vi": "Ngày {day} vốn đã là ngày làm việc nên không cần thêm. Ngày làm việc bù thường "
              "là thứ Bảy hoặc Chủ nhật, ví dụ: <code>/workday {example} Làm bù</code>",
        "en": "{day} is already a working day, so there is nothing to add. A make-up working "
              "day is usually a Saturday or Sunday, e.g. <code>/workday {example} Làm bù</code>",
    },
    "calendar_day_already_day_off": {
        "vi": "Ngày {day} đã được thêm là ngày nghỉ ({reason}). Muốn đổi, anh/chị bỏ ngày này "
              "trước bằng <code>/day_remove {day}</code> rồi thêm lại. Chưa có gì thay đổi.",
        "en": "{day} was already added as a day off ({reason}). To change it, first remove it "
              "with <code>/day_remove {day}</code>, then add it again. Nothing was changed.",
    },
    "calendar_day_already_working_day": {
        "vi": "Ngày {day} đã được thêm là ngày làm việc bù ({reason}). Muốn đổi, anh/chị bỏ "
              "ngày này trước bằng <code>/day_remove {day}</code> rồi thêm lại. Chưa có gì "
              "thay đổi.",
        "en": "{day} was already added as a make-up working day ({reason}). To change it, first "
              "remove it with <code>/day_remove {day}</code>, then add it again. Nothing was "
              "changed.",
    },
    "calendar_day_not_added": {
        "vi": "Ngày {day} không phải ngày do quản trị viên thêm nên không có gì để bỏ (ngày lễ "
              "theo lịch Nhà nước không bỏ được; nếu cơ quan vẫn làm việc, dùng /workday). Xem "
              "các ngày đã thêm bằng <code>/holidays {year}</code>",
        "en": "{day} was not added by an admin, so there is nothing to remove (public holidays "
              "cannot be removed; if agencies work that day, use /workday). See the days added "
              "with <code>/holidays {year}</code>",
    },
    "calendar_reason_too_long": {
        "vi": "Lý do dài {length} ký tự, vượt quá {maximum} ký tự. Anh/chị vui lòng rút gọn, ví "
              "dụ: <code>/dayoff 29/04/2024 Nghỉ hoán đổi dịp 30/4</code>",
        "en": "The reason is {length} characters long, over the {maximum} allowed. Please "
              "shorten it, e.g. <code>/dayoff 29/04/2024 Nghỉ hoán đổi dịp 30/4</code>",
    },
    "calendar_reason_control_characters": {
        "vi": "Lý do có ký tự xuống dòng, tab hoặc ký tự ẩn. Anh/chị vui lòng gõ lý do trên một "
              "dòng, ví dụ: <code>/dayoff 29/04/2024 Nghỉ hoán đổi dịp 30/4</code>",
        "en": "The reason holds a line break, a tab or an invisible character. Please type it on "
              "one line, e.g. <code>/dayoff 29/04/2024 Nghỉ hoán đổi dịp 30/4</code>",
    },
})
