"""Words for the simulated floor: ticket subjects, agent names, departments.

All text here is written for the simulator (none of it comes from the seed
handbooks). Subjects are short lines in the style a customer would type.
"""

from __future__ import annotations

from collections.abc import Mapping

from cockpit.domain import Kind, Topic

# Subjects by topic, for enquiries and technical questions.
SUBJECTS: Mapping[str, tuple[str, ...]] = {
    Topic.LOGISTICS: (
        "快递显示签收了但我没拿到",
        "物流信息好几天没更新",
        "下单后想改收货地址",
        "包裹外箱压坏了",
        "配送员电话一直打不通",
        "什么时候能发货",
    ),
    Topic.REFUND: (
        "退款申请提交后迟迟没到账",
        "退货寄回去了商家还没处理",
        "七天无理由退货怎么走流程",
        "换货尺码还是不合适",
        "退款金额比实付少了",
        "售后申请被驳回",
    ),
    Topic.PAYMENT: (
        "付了款订单却显示未支付",
        "同一笔订单被扣了两次钱",
        "银行卡付款总是失败",
        "分期付款的选项不见了",
        "优惠后的实付金额不对",
        "发票抬头开错了",
    ),
    Topic.LOGIN: (
        "收不到短信验证码",
        "账号被冻结登录不了",
        "换了手机号要改绑",
        "重置密码的链接打不开",
        "提示异地登录有风险",
        "第三方账号绑定失败",
    ),
    Topic.MEMBERSHIP: (
        "会员积分莫名少了一截",
        "积分换的礼品一直没发",
        "会员等级被降了",
        "生日礼包没领到",
        "续费的会员没生效",
        "积分快过期了能延期吗",
    ),
    Topic.COUPON: (
        "领到的优惠券用不了",
        "满减券和折扣券能不能一起用",
        "取消订单后优惠券没退回",
        "活动价没有显示出来",
        "新人券找不到了",
        "凑单以后券失效了",
    ),
    Topic.PRODUCT: (
        "这款现在有没有现货",
        "尺码应该怎么选",
        "两个型号差在哪里",
        "坏了能不能保修",
        "赠品什么时候补发",
        "预售商品几号发货",
    ),
    Topic.APP_CRASH: (
        "一打开应用就闪退",
        "支付页面卡住不动",
        "更新后首页加载不出来",
        "购物车页面一片空白",
        "收不到消息推送",
        "扫码功能没反应",
    ),
    Topic.OTHER: (
        "发票怎么申请",
        "自提点在哪里",
        "想开一个企业采购账号",
        "客服电话一直占线",
        "商品页面信息有误",
        "活动规则看不明白",
    ),
}

COMPLAINT_PREFIXES: tuple[str, ...] = ("投诉：", "强烈不满：", "第二次反映：", "")
# A public-opinion wave: customers threaten to take it public (some do not say so).
PUBLIC_PREFIXES: tuple[str, ...] = (
    "再不处理就发微博曝光：",
    "已经投诉到12315：",
    "准备找媒体评评理：",
    "",
    "",
)

SUGGESTIONS: tuple[str, ...] = (
    "建议夜里也安排人工客服",
    "希望页面字体能调大一点",
    "建议退货流程再简化一些",
    "希望能按到货时间筛选",
    "建议积分规则写得更清楚",
    "希望增加视频讲解",
)

# Where a collaboration ticket waits, by topic.
DEPARTMENTS: Mapping[str, str] = {
    Topic.LOGISTICS: "warehouse",
    Topic.REFUND: "finance",
    Topic.PAYMENT: "finance",
    Topic.LOGIN: "security",
    Topic.MEMBERSHIP: "marketing",
    Topic.COUPON: "marketing",
    Topic.PRODUCT: "merchandising",
    Topic.APP_CRASH: "tech",
    Topic.OTHER: "tech",
}
PR_LEGAL_DEPARTMENT = "pr_legal"

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "晓文静雨欣佳婷子涵思远浩然一鸣雪梅海燕俊杰丽娜志强秋云春晖明月嘉怡宇轩若彤"


def subject_for(topic: str, kind: Kind, pick: int) -> str:
    """A subject line for a ticket; ``pick`` is any non-negative number
    (the caller's random draw) so that this module holds no RNG."""
    if kind is Kind.SUGGESTION:
        return SUGGESTIONS[pick % len(SUGGESTIONS)]
    lines = SUBJECTS.get(topic, SUBJECTS[Topic.OTHER])
    line = lines[pick % len(lines)]
    if kind is Kind.COMPLAINT:
        return COMPLAINT_PREFIXES[(pick // 7) % len(COMPLAINT_PREFIXES)] + line
    return line


def public_subject(topic: str, pick: int) -> str:
    """A complaint of a public-opinion wave (often with a threat to go public)."""
    lines = SUBJECTS.get(topic, SUBJECTS[Topic.OTHER])
    line = lines[pick % len(lines)]
    return PUBLIC_PREFIXES[(pick // 7) % len(PUBLIC_PREFIXES)] + line


def person_name(pick: int) -> str:
    """A made-up Chinese name (surname + one or two given characters)."""
    surname = SURNAMES[pick % len(SURNAMES)]
    rest = pick // len(SURNAMES)
    first = GIVEN[rest % len(GIVEN)]
    if (rest // len(GIVEN)) % 3 == 0:
        return surname + first
    second = GIVEN[(rest // 3) % len(GIVEN)]
    return surname + first + second
