"""Words for the codes that reach exported reviews and handovers (step
owners, escalation levels and flags, reasons, chat services, languages,
queue ids of the built-in simulator), as (Simplified Chinese, English)
pairs. :class:`~cockpit.review_labels.Labels` picks one; an unknown code is
shown as it is rather than hidden."""

from __future__ import annotations

from collections.abc import Mapping

from cockpit.sim.model import default_queues

Pair = tuple[str, str]

KINDS: Mapping[str, Pair] = {
    "enquiry": ("咨询", "Enquiry"),
    "complaint": ("投诉", "Complaint"),
    "tech_support": ("技术支持", "Tech support"),
    "suggestion": ("建议", "Suggestion"),
}

TOPICS: Mapping[str, Pair] = {
    "logistics": ("物流", "Logistics"),
    "refund": ("退款/退换货", "Refunds & returns"),
    "payment": ("支付", "Payment"),
    "login": ("登录/账号", "Login & account"),
    "membership": ("会员积分", "Membership points"),
    "coupon": ("优惠券", "Coupons"),
    "product": ("商品咨询", "Product questions"),
    "app_crash": ("闪退", "App crash"),
    "other": ("其他", "Other"),
}

SEVERITIES: Mapping[str, Pair] = {
    "critical": ("严重", "critical"),
    "major": ("重大", "major"),
    "minor": ("一般", "minor"),
}

ALERTS: Mapping[str, Pair] = {
    "service_level_low": ("服务水平过低", "service level low"),
    "waiting_past_target": ("超时等待", "waiting past target"),
    "waiting_high": ("排队过多", "too many waiting"),
    "oldest_wait_high": ("等待过久", "oldest wait too long"),
    "resolution_breached": ("解决超时", "resolution overdue"),
}

OUTCOMES: Mapping[str, Pair] = {
    "ok": ("成功", "ok"),
    "failed": ("失败", "failed"),
    "unknown": ("结果未知", "unknown"),
    "pending": ("进行中", "pending"),
    "not_supported": ("不支持", "not supported"),
}

ROLES: Mapping[str, Pair] = {
    "agent": ("坐席", "Agent"),
    "lead": ("组长", "Team lead"),
    "supervisor": ("主管", "Supervisor"),
    "pr": ("公关", "PR"),
    "legal": ("法务", "Legal"),
    "pr_legal": ("公关 / 法务", "PR / legal"),
    "qa": ("质检", "Quality"),
}

FLAGS: Mapping[str, Pair] = {
    "collab_no_answer": ("协作部门未答复", "No answer from the other department"),
    "customer_not_updated": ("客户未获进展更新", "Customer not updated"),
    "urgent_not_reported": ("紧急工单未上报", "Urgent, not reported"),
}

REASONS: Mapping[str, Pair] = {
    "webhook_not_configured": ("未配置 webhook 地址", "no webhook configured"),
    "missing_variables": ("话术变量缺少取值", "script variables without a value"),
    "channel_not_allowed": ("预案不允许发往此处", "the playbook does not allow it there"),
    "unknown_channel": ("预案中没有该群聊", "no such team chat in the playbook"),
    "interrupted": ("执行中驾驶舱停止", "the cockpit stopped while it ran"),
    "internal_error": ("内部错误", "internal error"),
    "not_supported": ("后端不支持", "the backend cannot do it"),
    "unreachable": ("无法连接", "unreachable"),
    "timeout": ("响应超时", "no answer in time"),
    "tls": ("安全连接失败", "secure connection failed"),
    "auth": ("认证被拒", "sign-in refused"),
    "permission": ("无权限", "not permitted"),
    "not_found": ("对象不存在", "not found"),
    "rate_limited": ("被限流", "rate limited"),
    "server_error": ("服务器错误", "server error"),
    "payload": ("应答无法读取", "unreadable answer"),
    "unknown_outcome": ("发出后无应答", "no answer after sending"),
    "unexpected_status": ("意外的应答", "unexpected answer"),
    "refused": ("被拒绝", "refused"),
    "ticket_closed": ("工单已关闭", "ticket closed"),
}

SERVICES: Mapping[str, Pair] = {
    "wecom": ("企业微信", "WeCom"),
    "dingtalk": ("钉钉", "DingTalk"),
    "feishu": ("飞书", "Feishu"),
    "slack": ("Slack", "Slack"),
}

LANGUAGE_NAMES: Mapping[str, Pair] = {"zh_CN": ("中文", "Chinese"), "en": ("英文", "English")}

REMINDERS: Mapping[str, Pair] = {
    "due_soon": ("即将到期", "due soon"),
    "overdue": ("已超期", "overdue"),
}

# The built-in simulator's queues: their ids reach the samples, their names
# do not (a review is made from the database alone).
SIM_QUEUES: Mapping[str, Pair] = {
    str(q.id): (q.names["zh_CN"], q.names["en"]) for q in default_queues()
}
