"""The words of exported reviews and handovers (HTML, PDF), in Simplified
Chinese and English. The window's own texts go through Qt's ``tr()``;
exports are files made headless too, so their words live here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo

from cockpit import review_words as words

LANGUAGES = ("zh_CN", "en")

_EN: dict[str, str] = {
    "review_title": "Post-incident review",
    "incident": "Incident",
    "severity": "Severity",
    "declared": "Declared",
    "resolved": "Resolved",
    "still_open": "still open",
    "duration": "Duration",
    "by": "by",
    "owner": "Review owner",
    "generated": "Generated",
    "summary": "Summary",
    "impact": "Impact on the floor",
    "phase": "Phase",
    "baseline": "Baseline",
    "baseline_same_length": "the same length before",
    "baseline_previous_day": "the same hours the day before",
    "recovery": "Recovery",
    "window": "Window",
    "created": "Tickets created",
    "per_hour": "per hour",
    "complaints": "of which complaints",
    "bot_deflected": "Settled by the bot",
    "late_responses": "SLA breaches (late first responses)",
    "service_level": "Service level (first response)",
    "mean_wait": "Mean wait for a first response",
    "peak_wait": "Longest wait",
    "breached_peak": "Open tickets past SLA (peak)",
    "waiting_peak": "Customers waiting (peak)",
    "agents": "People on duty (mean / peak)",
    "by_topic": "Tickets created by topic",
    "by_kind": "Tickets created by kind",
    "topic": "Topic",
    "kind": "Kind",
    "change": "Change",
    "charts": "The floor over time",
    "chart_arrivals": "Tickets created",
    "chart_waiting": "Customers waiting",
    "chart_breached": "Open tickets past SLA",
    "latencies": "Response times",
    "latency": "From → to",
    "took": "Took",
    "not_happened": "did not happen",
    "detection": "Detection → declaration",
    "first_broadcast": "Declaration → first message out",
    "bot_on": "Declaration → bot switched on",
    "checklist": "Checklist compliance",
    "step": "Step",
    "due": "Due",
    "done": "Done",
    "result": "Result",
    "on_time": "on time",
    "late": "late",
    "missed": "missed",
    "not_done": "not done",
    "not_due": "not yet due",
    "late_by": "late by {d}",
    "early_by": "{d} early",
    "missed_by": "missed, {d} past due",
    "causes": "Contributing causes",
    "resolution": "Resolution",
    "responders": "Responders",
    "who": "Who",
    "actions": "Actions",
    "first_action": "First action",
    "last_action": "Last action",
    "action_items": "Action items",
    "item": "Action",
    "due_date": "Due date",
    "status": "Status",
    "open": "open",
    "closed": "done",
    "timeline": "Timeline",
    "time": "Time",
    "what": "What",
    "outcome": "Outcome",
    "notes": "Notes and status updates",
    "none": "None recorded.",
    "to_write": "(to be written)",
    "page": "Page {n} of {total}",
    "no_samples": "No metric samples were recorded for this window.",
    "unrecorded": "No floor samples were recorded during: {phases}. Their figures are "
    "missing, not zero: run `cockpit record` (or keep the cockpit window open) "
    "while an incident is open.",
    "wall_clock": "wall clock",
    "detected_by": "first alert: {cause}",
    "handover_title": "Shift handover",
    "shift": "Shift",
    "what_happened": "What happened",
    "open_incidents": "Open incidents",
    "incidents_in_shift": "Incidents during the shift",
    "open_escalations": "Open escalations",
    "breaches_by_queue": "SLA breaches by queue",
    "queue": "Queue",
    "breached_now": "Past SLA now",
    "level": "Level",
    "since": "Since",
    "ticket": "Ticket",
    "floor_unknown": "The floor was not polled for this summary.",
    "step_owner": "Who does it",
    "item_owner": "Owner",
    "details": "Details",
    "entry_kind": "Type",
    "text": "Text",
    "about": "Which one",
    "first_was": "first: {what}",
    "open_at_resolve": "still open at resolution",
    "not_sent": "not sent",
    "bulk_replies": "Mass replies and the service level",
    "bulk_note": "A reply to many tickets counts as many first responses at once, so the "
    "service level can jump without any customer being served sooner.",
    "bulk_around": "Before / after: the on-time share of first responses in the {d} before "
    "the first reply and in the {d} after the last one.",
    "bulk_live": "Before / after: the live figure at the last poll before the first reply "
    "and at the first poll after the last one.",
    "when": "When",
    "script": "Script",
    "replied": "Tickets replied",
    "not_replied": "Not replied",
    "level_before": "Service level before",
    "level_after": "Service level after",
    "script_lang": "{title} ({language})",
    "ticket_n": "ticket {id}",
    "breached_at_end": "Past SLA at shift end",
    "flags": "Flags",
    "subject": "Subject",
}

_ZH: dict[str, str] = {
    "review_title": "事件复盘报告",
    "incident": "事件",
    "severity": "级别",
    "declared": "宣布时间",
    "resolved": "解除时间",
    "still_open": "尚未解除",
    "duration": "持续时长",
    "by": "由",
    "owner": "复盘负责人",
    "generated": "生成时间",
    "summary": "概述",
    "impact": "对现场的影响",
    "phase": "阶段",
    "baseline": "基线",
    "baseline_same_length": "宣布前同等时长",
    "baseline_previous_day": "前一天同一时段",
    "recovery": "恢复期",
    "window": "时间段",
    "created": "新建工单",
    "per_hour": "每小时",
    "complaints": "其中投诉",
    "bot_deflected": "智能客服分流",
    "late_responses": "超时（首次响应超出SLA）",
    "service_level": "服务水平（首次响应）",
    "mean_wait": "首次响应平均等待",
    "peak_wait": "最长等待",
    "breached_peak": "已超时未结工单（峰值）",
    "waiting_peak": "排队客户（峰值）",
    "agents": "在岗人数（平均 / 峰值）",
    "by_topic": "按主题的新建工单",
    "by_kind": "按类型的新建工单",
    "topic": "主题",
    "kind": "类型",
    "change": "变化",
    "charts": "现场走势",
    "chart_arrivals": "新建工单",
    "chart_waiting": "排队客户",
    "chart_breached": "已超时未结工单",
    "latencies": "响应时效",
    "latency": "起止",
    "took": "用时",
    "not_happened": "未发生",
    "detection": "发现 → 宣布",
    "first_broadcast": "宣布 → 首条通知发出",
    "bot_on": "宣布 → 开启智能客服",
    "checklist": "检查清单执行情况",
    "step": "步骤",
    "due": "截止",
    "done": "完成",
    "result": "结果",
    "on_time": "按时",
    "late": "延迟",
    "missed": "逾期未完成",
    "not_done": "未完成",
    "not_due": "未到期",
    "late_by": "延迟 {d}",
    "early_by": "提前 {d}",
    "missed_by": "未完成，已超期 {d}",
    "causes": "促成因素",
    "resolution": "解决措施",
    "responders": "参与处置人员",
    "who": "人员",
    "actions": "操作数",
    "first_action": "首次操作",
    "last_action": "最后操作",
    "action_items": "改进事项",
    "item": "事项",
    "due_date": "完成期限",
    "status": "状态",
    "open": "进行中",
    "closed": "已完成",
    "timeline": "时间线",
    "time": "时间",
    "what": "事件",
    "outcome": "结果",
    "notes": "备注与状态更新",
    "none": "无记录。",
    "to_write": "（待填写）",
    "page": "第 {n} 页，共 {total} 页",
    "no_samples": "该时间段没有记录指标数据。",
    "unrecorded": "以下时段没有记录现场数据：{phases}。这些数字是缺失而不是零："
    "事件期间请运行 `cockpit record`（或保持驾驶舱窗口打开）。",
    "wall_clock": "本机时间",
    "detected_by": "首个告警：{cause}",
    "handover_title": "交接班摘要",
    "shift": "班次",
    "what_happened": "本班概况",
    "open_incidents": "未解除事件",
    "incidents_in_shift": "本班事件",
    "open_escalations": "未结升级工单",
    "breaches_by_queue": "各队列超时情况",
    "queue": "队列",
    "breached_now": "当前已超时",
    "level": "升级级别",
    "since": "起始",
    "ticket": "工单",
    "floor_unknown": "本摘要未读取现场数据。",
    "step_owner": "负责人",
    "item_owner": "负责人",
    "details": "详情",
    "entry_kind": "类型",
    "text": "内容",
    "about": "对象",
    "first_was": "首条：{what}",
    "open_at_resolve": "解除时仍未完成",
    "not_sent": "未发送",
    "bulk_replies": "批量回复与服务水平",
    "bulk_note": "一次回复多张工单，会同时计为多次首次响应，"
    "服务水平可能因此骤升，而客户并没有更快得到帮助。",
    "bulk_around": "之前 / 之后：首条回复前 {d} 内、最后一条回复后 {d} 内首次响应的按时比例。",
    "bulk_live": "之前 / 之后：首条回复前最后一次轮询、最后一条回复后第一次轮询时的实时数值。",
    "when": "时间",
    "script": "话术",
    "replied": "已回复工单",
    "not_replied": "未成功",
    "level_before": "之前服务水平",
    "level_after": "之后服务水平",
    "script_lang": "{title}（{language}）",
    "ticket_n": "工单 {id}",
    "breached_at_end": "交班时已超时",
    "flags": "提示",
    "subject": "标题",
}

_ACTIONS: dict[str, tuple[str, str]] = {
    "declare": ("宣布事件", "Incident declared"),
    "join": ("再次宣布（合并）", "Declared again (joined)"),
    "note": ("备注", "Note"),
    "status_update": ("状态更新", "Status update"),
    "variables": ("更新变量", "Variables set"),
    "step_done": ("完成清单步骤", "Checklist step done"),
    "reminder": ("提醒", "Reminder"),
    "bot_on": ("开启智能客服", "Bot switched on"),
    "bot_restore": ("恢复智能客服原设置", "Bot restored"),
    "script_publish": ("发布话术", "Script published"),
    "script_withdraw": ("撤回话术", "Script withdrawn"),
    "webhook": ("群通知", "Team chat message"),
    "ticket_reply": ("回复工单", "Reply to tickets"),
    "resolve": ("解除事件", "Incident resolved"),
}


class Labels:
    """The words of one language (``zh_CN`` or ``en``). ``queues`` names
    queue ids (from the backend); the built-in simulator's are known."""

    def __init__(self, language: str, *, queues: Mapping[str, str] | None = None) -> None:
        self.language = language if language in LANGUAGES else "en"
        self._words = _ZH if self.language == "zh_CN" else _EN
        self._index = 0 if self.language == "zh_CN" else 1
        self._queues = dict(queues or {})

    def __call__(self, key: str, **values: object) -> str:
        text = self._words.get(key) or _EN.get(key) or key
        return text.format(**values) if values else text

    def _pick(self, table: Mapping[str, tuple[str, str]], key: str) -> str:
        found = table.get(key)
        return found[self._index] if found else key

    def action(self, key: str) -> str:
        return self._pick(_ACTIONS, key)

    def kind(self, key: str) -> str:
        return self._pick(words.KINDS, key)

    def topic(self, key: str) -> str:
        return self._pick(words.TOPICS, key)

    def outcome(self, key: str) -> str:
        return self._pick(words.OUTCOMES, key)

    def severity(self, key: str) -> str:
        return self._pick(words.SEVERITIES, key)

    def alert(self, cause: str) -> str:
        """``waiting_high:refund`` → "too many waiting (Refunds & returns)"."""
        rule, _, queue = cause.partition(":")
        name = self._pick(words.ALERTS, rule)
        return f"{name} ({self.queue(queue)})" if queue and queue != "-" else name

    def queue(self, queue_id: str) -> str:
        return self._queues.get(queue_id) or self._pick(words.SIM_QUEUES, queue_id)

    def role(self, code: str | None) -> str:
        """A step owner or escalation level: ``lead`` → "Team lead"."""
        return "" if code is None else self._pick(words.ROLES, code)

    def flag(self, code: str) -> str:
        return self._pick(words.FLAGS, code)

    def reason(self, code: str) -> str:
        return self._pick(words.REASONS, code)

    def service(self, code: str) -> str:
        return self._pick(words.SERVICES, code)

    def language_name(self, code: str) -> str:
        return self._pick(words.LANGUAGE_NAMES, code)

    def reminder(self, code: str) -> str:
        return self._pick(words.REMINDERS, code)

    def local(self, texts: Mapping[str, str]) -> str:
        return texts.get(self.language) or texts.get("en") or next(iter(texts.values()), "")

    def duration(self, value: timedelta | float | None) -> str:
        """``1 h 05 min``, ``4 min 10 s``, ``35 s`` (units in the language)."""
        if value is None:
            return "—"
        raw = value.total_seconds() if isinstance(value, timedelta) else float(value)
        seconds = round(raw)
        sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        zh = self.language == "zh_CN"
        h, m, s = ("小时", "分", "秒") if zh else (" h", " min", " s")
        if hours:
            return f"{sign}{hours}{h} {minutes:02d}{m}"
        if minutes:
            return f"{sign}{minutes}{m} {secs:02d}{s}" if secs else f"{sign}{minutes}{m}"
        return f"{sign}{secs}{s}"

    @staticmethod
    def time(value: datetime | None, zone: tzinfo, *, seconds: bool = False) -> str:
        if value is None:
            return "—"
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")

    @staticmethod
    def stamp(value: datetime, zone: tzinfo) -> str:
        return value.astimezone(zone).strftime("%m-%d %H:%M:%S")

    @staticmethod
    def clock(value: datetime, zone: tzinfo) -> str:
        return value.astimezone(zone).strftime("%H:%M")

    @staticmethod
    def percent(value: float | None) -> str:
        return "—" if value is None else f"{value * 100:.1f}%"
