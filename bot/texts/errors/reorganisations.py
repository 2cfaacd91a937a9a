"""Error messages about reorganising units (a reorganisation file, /reorganize)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "invalid_reorganisation": {
        "vi": "Sự kiện sắp xếp lại chưa đúng dạng ({kind}: {predecessors} đơn vị trước, "
              "{successors} đơn vị sau); chưa có gì bị thay đổi. Hợp nhất: từ 2 đơn vị thành 1 "
              "đơn vị mới; sáp nhập: vào 1 đơn vị đang có; chia tách: 1 đơn vị thành 2 đơn vị "
              "trở lên; đổi tên: 1 đơn vị thành 1 đơn vị mới; giải thể: không có đơn vị kế thừa.",
        "en": "The reorganisation does not fit its kind ({kind}: {predecessors} unit(s) before, "
              "{successors} after); nothing was changed. Merge: 2 or more into 1 new unit; "
              "absorb: into 1 existing unit; split: 1 into 2 or more; rename: 1 into 1 new "
              "unit; dissolve: no successor.",
    },
    "unit_reorganised_twice": {
        "vi": "Đơn vị {code} bị sắp xếp lại hai lần trong cùng ngày {day}; chưa có gì bị thay "
              "đổi. Mỗi đơn vị chỉ được kết thúc trong một sự kiện.",
        "en": "Unit {code} is reorganised twice on {day}; nothing was changed. A unit ends in "
              "one event only.",
    },
    "overlapping_reorganisation": {
        "vi": "Đơn vị {code} đã được sắp xếp lại từ ngày {first}, nên không thể sắp xếp lại "
              "lần nữa từ ngày {second}; chưa có gì bị thay đổi.",
        "en": "Unit {code} was already reorganised from {first}, so it cannot be reorganised "
              "again from {second}; nothing was changed.",
    },
    "reorganisation_cycle": {
        "vi": "Các đơn vị {codes} sẽ kế thừa lẫn nhau (vòng lặp); chưa có gì bị thay đổi. "
              "Anh/chị vui lòng kiểm tra lại đơn vị trước và sau của từng sự kiện.",
        "en": "Units {codes} would take each other over (a cycle); nothing was changed. Please "
              "check each event's units before and after.",
    },
    "successor_closed": {
        "vi": "{name} (mã {code}) không thể nhận nhiệm vụ từ ngày {day} vì đơn vị này đã kết "
              "thúc hoạt động; chưa có gì bị thay đổi. Anh/chị vui lòng chọn đơn vị kế thừa "
              "còn hoạt động.",
        "en": "{name} (code {code}) cannot take over from {day}: it has itself been closed; "
              "nothing was changed. Please name a successor that is still open.",
    },
    "answers_after_reorganisation": {
        "vi": "Đơn vị {code} đã gửi tình hình báo cáo ngày {answered}, sau ngày hiệu lực "
              "{day}; chưa có gì bị thay đổi. Anh/chị vui lòng kiểm tra lại ngày hiệu lực.",
        "en": "Unit {code} answered on {answered}, after the effective date {day}; nothing was "
              "changed. Please check the effective date.",
    },
    "reorganisation_in_progress": {
        "vi": "Đang có một việc sắp xếp lại đơn vị khác được áp dụng; chưa có gì bị thay đổi. "
              "Anh/chị vui lòng thử lại sau ít phút.",
        "en": "Another reorganisation is being applied right now; nothing was changed. Please "
              "try again in a few minutes.",
    },
    "unit_reorganised": {
        "vi": "{name} (mã {code}) đã kết thúc hoạt động từ ngày {day} do sắp xếp lại đơn vị. "
              "Đơn vị kế thừa: {successors}. Anh/chị vui lòng liên hệ Văn phòng UBND tỉnh để "
              "nhận đường dẫn đăng ký của đơn vị mới.",
        "en": "{name} (code {code}) closed on {day} in a reorganisation. Taken over by: "
              "{successors}. Please ask the provincial office for a registration link of the "
              "new unit.",
    },
    "unit_dissolved": {
        "vi": "{name} (mã {code}) đã giải thể từ ngày {day} do sắp xếp lại đơn vị, không có "
              "đơn vị kế thừa. Anh/chị vui lòng liên hệ Văn phòng UBND tỉnh nếu cần đăng ký "
              "cho đơn vị khác.",
        "en": "{name} (code {code}) was dissolved on {day} in a reorganisation, with no "
              "successor. Please ask the provincial office if you serve another unit.",
    },
    "head_not_serving": {
        "vi": "Người này không còn là cán bộ của {unit} nên chưa thể xác nhận là lãnh đạo; "
              "chưa có gì bị thay đổi.",
        "en": "That person no longer serves {unit}, so they cannot be confirmed as its head; "
              "nothing was changed.",
    },
    "unknown_reorganisation_kind": {
        "vi": "“{value}” không phải là một hình thức sắp xếp lại; chưa có gì bị thay đổi. "
              "Anh/chị dùng một trong: sáp nhập (absorb), hợp nhất (merge), đổi tên (rename), "
              "giải thể (dissolve), ví dụ: /reorganize sáp nhập skhdt stc 01/03/2025.",
        "en": "“{value}” is no kind of reorganisation; nothing was changed. Use one of: absorb "
              "(sáp nhập), merge (hợp nhất), rename (đổi tên), dissolve (giải thể), e.g. "
              "/reorganize absorb skhdt stc 01/03/2025.",
    },
    "split_needs_file": {
        "vi": "Chia tách tạo ra nhiều đơn vị mới nên được thực hiện bằng tệp sắp xếp lại "
              "(lệnh deadline-bot province reorganize trên máy chủ); chưa có gì bị thay đổi. "
              "Trong Telegram, /reorganize nhận sáp nhập, hợp nhất, đổi tên và giải thể.",
        "en": "A split creates several new units, so it goes through a reorganisation file "
              "(deadline-bot province reorganize on the server); nothing was changed. In "
              "Telegram, /reorganize takes absorb, merge, rename and dissolve.",
    },
}
