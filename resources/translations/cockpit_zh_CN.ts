<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertModel</name>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单数</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>发生于</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>{who} at {time}</source>
        <translation>{who} {time} 已确认</translation>
    </message>
    <message>
        <source>snoozed until {time}</source>
        <translation>稍后提醒（至 {time}）</translation>
    </message>
    <message>
        <source>new</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Raised at {time}</source>
        <translation>发生于 {time}</translation>
    </message>
    <message>
        <source>Acknowledged by {who} at {time}</source>
        <translation>{who} 于 {time} 确认</translation>
    </message>
    <message>
        <source>Snoozed by {who} until {time}</source>
        <translation>{who} 设置了稍后提醒，至 {time}</translation>
    </message>
</context>
<context>
    <name>AlertNotifier</name>
    <message>
        <source>Critical alert</source>
        <translation>严重告警</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>{n} new alerts</source>
        <translation>{n} 条新告警</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 条</translation>
    </message>
    <message>
        <source>Critical alert not acknowledged yet</source>
        <translation>严重告警尚未确认</translation>
    </message>
    <message>
        <source>Alert not acknowledged yet</source>
        <translation>告警尚未确认</translation>
    </message>
    <message>
        <source>{n} alerts not acknowledged yet</source>
        <translation>{n} 条告警尚未确认</translation>
    </message>
    <message>
        <source>Alert getting worse</source>
        <translation>告警正在恶化</translation>
    </message>
    <message>
        <source>{n} alerts getting worse</source>
        <translation>{n} 条告警正在恶化</translation>
    </message>
    <message>
        <source>Supervisor Cockpit</source>
        <translation>客服主管驾驶舱</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Record that you have taken the selected alerts</source>
        <translation>记录您已接手所选告警</translation>
    </message>
    <message>
        <source>Snooze 15 min</source>
        <translation>15 分钟后再提醒</translation>
    </message>
    <message>
        <source>Snooze 1 h</source>
        <translation>1 小时后再提醒</translation>
    </message>
    <message>
        <source>No notifications for these alerts for a while</source>
        <translation>这些告警暂时不再提醒</translation>
    </message>
    <message>
        <source>Declare incident…</source>
        <translation>宣布事件…</translation>
    </message>
    <message>
        <source>Open an incident from the selected alert</source>
        <translation>根据所选告警宣布事件</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>当前告警</translation>
    </message>
    <message>
        <source>Acknowledged and snoozed ({n})</source>
        <translation>确认与稍后提醒记录（{n}）</translation>
    </message>
    <message>
        <source>{n} active · {open} not taken</source>
        <translation>{n} 条告警 · {open} 条未确认</translation>
    </message>
    <message>
        <source>{time} {who} snoozed until {until}: {alert}</source>
        <translation>{time} {who} 设置稍后提醒（至 {until}）：{alert}</translation>
    </message>
    <message>
        <source>{time} {who} acknowledged: {alert}</source>
        <translation>{time} {who} 已确认：{alert}</translation>
    </message>
</context>
<context>
    <name>AtRiskModel</name>
    <message>
        <source>late {time}</source>
        <translation>超时 {time}</translation>
    </message>
    <message>
        <source>{clock} late {time}</source>
        <translation>{clock} 超时 {time}</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Other clock: {state}</source>
        <translation>另一时限：{state}</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>met</source>
        <translation>已达标</translation>
    </message>
    <message>
        <source>{clock} paused</source>
        <translation>{clock} 已暂停</translation>
    </message>
    <message>
        <source>{clock}: {state}, due at {time}</source>
        <translation>{clock}：{state}，截止 {time}</translation>
    </message>
    <message>
        <source> (paused: waiting on the customer)</source>
        <translation>（已暂停：等待客户回复）</translation>
    </message>
    <message>
        <source>Due at {time}</source>
        <translation>截止 {time}</translation>
    </message>
    <message>
        <source>Created at {time} ({age} ago)</source>
        <translation>创建于 {time}（{age} 前）</translation>
    </message>
    <message>
        <source>Assignee: {name}</source>
        <translation>负责人：{name}</translation>
    </message>
    <message>
        <source>Double-click for the ticket&apos;s details</source>
        <translation>双击查看工单详情</translation>
    </message>
    <message>
        <source>Due in</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>SLA clock the countdown is for: first reply or resolution (the tooltip has the ticket&apos;s other clock)</source>
        <translation>倒计时所属的 SLA 时限：首次响应或解决（提示中有该工单的另一时限）</translation>
    </message>
    <message>
        <source>Age: time since the ticket was created</source>
        <translation>已创建：工单创建至今的时长</translation>
    </message>
    <message>
        <source>Owner: the agent the ticket is assigned to</source>
        <translation>负责人：工单分配给的坐席</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Pri.</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Time to breach: time left on the ticket&apos;s pressing SLA clock, counting down; &quot;late&quot; and red once past due</source>
        <translation>剩余时间：工单最紧迫的 SLA 时限还剩多久，实时倒计时；超过截止时间后显示“超时”并标红</translation>
    </message>
    <message>
        <source>Ticket number (double-click a row for its details)</source>
        <translation>工单号（双击一行查看详情）</translation>
    </message>
    <message>
        <source>Queue (skill group)</source>
        <translation>队列（技能组）</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>AtRiskPanel</name>
    <message>
        <source>At risk</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>Tickets close to breaching their SLA</source>
        <translation>即将超时的工单</translation>
    </message>
    <message>
        <source>All {n}</source>
        <translation>全部 {n}</translation>
    </message>
    <message>
        <source>At risk {n}</source>
        <translation>即将超时 {n}</translation>
    </message>
    <message>
        <source>Breached {n}</source>
        <translation>已超时 {n}</translation>
    </message>
    <message>
        <source>Waiting for the first data from the backend…</source>
        <translation>正在等待后端的首批数据…</translation>
    </message>
    <message>
        <source>No ticket is close to breaching its SLA.</source>
        <translation>目前没有即将超时的工单。</translation>
    </message>
</context>
<context>
    <name>BackendOptionsForm</name>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Queue names, {problem}</source>
        <translation>队列名称，{problem}</translation>
    </message>
    <message>
        <source>Agent names, {problem}</source>
        <translation>坐席名称，{problem}</translation>
    </message>
    <message>
        <source>This backend type has no options.</source>
        <translation>此后端类型没有可设置的选项。</translation>
    </message>
    <message>
        <source>Queue names:</source>
        <translation>队列名称：</translation>
    </message>
    <message>
        <source>Backend queue or group id → the name the cockpit shows</source>
        <translation>后端的队列或组 ID → 驾驶舱显示的名称</translation>
    </message>
    <message>
        <source>Agent names:</source>
        <translation>坐席名称：</translation>
    </message>
    <message>
        <source>Backend user id → the agent&apos;s name</source>
        <translation>后端的用户 ID → 坐席姓名</translation>
    </message>
    <message>
        <source>Auto-reply trigger id:</source>
        <translation>自动回复触发器 ID：</translation>
    </message>
    <message>
        <source>none: the bot auto-reply is not offered</source>
        <translation>留空：不提供机器人自动回复</translation>
    </message>
    <message>
        <source>Requests per minute:</source>
        <translation>每分钟请求数：</translation>
    </message>
    <message>
        <source>The most API requests the cockpit sends a minute (the plan&apos;s limit)</source>
        <translation>驾驶舱每分钟最多发送的 API 请求数（套餐上限）</translation>
    </message>
    <message>
        <source>Verify TLS certificates (recommended)</source>
        <translation>校验 TLS 证书（推荐）</translation>
    </message>
    <message>
        <source>Certificate verification is off: anyone between this computer and the server could read the token and the tickets. Only for a test server.</source>
        <translation>证书校验已关闭：这台电脑与服务器之间的任何人都可能读取令牌和工单。仅限测试服务器使用。</translation>
    </message>
</context>
<context>
    <name>BroadcastDialog</name>
    <message>
        <source>Broadcast a script</source>
        <translation>广播话术</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送对象</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Preview: exactly what each target gets</source>
        <translation>预览：每个对象将收到的原文</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <source>The playbook does not allow this script here.</source>
        <translation>预案不允许把这条话术发到这里。</translation>
    </message>
    <message>
        <source>Choose at least one target and one language.</source>
        <translation>请至少选择一个发送对象和一种语言。</translation>
    </message>
    <message>
        <source>Not sent to {target}: {why}</source>
        <translation>不会发送到{target}：{why}</translation>
    </message>
    <message>
        <source>{label}, e.g. “{sample}”</source>
        <translation>{label}，例如“{sample}”</translation>
    </message>
    <message>
        <source>Marked parts are filled in by the agent for each ticket.</source>
        <translation>标出的部分由坐席按每张工单填写。</translation>
    </message>
    <message>
        <source>This replaces the bot auto-reply with the script&apos;s text until the bot is restored or the incident resolved. Send?</source>
        <translation>机器人自动回复将改为这条话术，直到恢复机器人或解除事件为止。确定发送吗？</translation>
    </message>
    <message>
        <source>Bot auto-reply</source>
        <translation>机器人自动回复</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>BulkReplyDialog</name>
    <message>
        <source>Reply to matching tickets</source>
        <translation>批量回复匹配工单</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Keywords (subject or tags)</source>
        <translation>关键词（标题或标签）</translation>
    </message>
    <message>
        <source>Only these queues (empty: all)</source>
        <translation>仅限这些队列（留空：全部）</translation>
    </message>
    <message>
        <source>Arrived after</source>
        <translation>进线时间晚于</translation>
    </message>
    <message>
        <source>Reply with</source>
        <translation>回复话术</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>A ticket matches by topic or by keyword; comma-separated</source>
        <translation>工单的主题或关键词任一命中即匹配；多个用逗号分隔</translation>
    </message>
    <message>
        <source>Newest matching tickets:</source>
        <translation>最新的匹配工单：</translation>
    </message>
    <message>
        <source>Send reply…</source>
        <translation>发送回复…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>{n} open tickets match and have not been answered yet ({m} already were)</source>
        <translation>{n} 张未结工单匹配且尚未回复（另有 {m} 张已回复过）</translation>
    </message>
    <message>
        <source>Send “{script}” as a reply to {n} tickets? Customers see it at once.</source>
        <translation>确定把“{script}”作为回复发送给 {n} 张工单吗？客户会立即看到。</translation>
    </message>
    <message>
        <source>Reply to tickets</source>
        <translation>批量回复工单</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>Replied to {ok} tickets; {failed} failed; {unknown} with unknown outcome.</source>
        <translation>已回复 {ok} 张工单；失败 {failed} 张；结果未知 {unknown} 张。</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>CellTicketsDialog</name>
    <message>
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Warned (at risk)</source>
        <translation>已预警（即将超时）</translation>
    </message>
    <message>
        <source>Tickets behind the cell</source>
        <translation>该格中的工单</translation>
    </message>
    <message>
        <source>{queue} · {when} · {what}: {n}</source>
        <translation>{queue} · {when} · {what}：{n} 个</translation>
    </message>
    <message>
        <source>No tickets here (the floor keeps finished tickets 24 h).</source>
        <translation>这里没有工单（已完成的工单只保留 24 小时）。</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>every {n} h</source>
        <translation>每 {n} 小时</translation>
    </message>
    <message>
        <source>every {n} min</source>
        <translation>每 {n} 分钟</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>客服组长</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>客服专员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>客服主管</translation>
    </message>
    <message>
        <source>PR</source>
        <translation>公关</translation>
    </message>
    <message>
        <source>Legal</source>
        <translation>法务</translation>
    </message>
    <message>
        <source>Who: {owner}</source>
        <translation>负责人：{owner}</translation>
    </message>
    <message>
        <source>Done at {time} by {who}</source>
        <translation>{time} 由 {who} 完成</translation>
    </message>
    <message>
        <source>Due at {time}</source>
        <translation>截止时间 {time}</translation>
    </message>
    <message>
        <source>Done {n} time(s)</source>
        <translation>已完成 {n} 次</translation>
    </message>
    <message>
        <source>Overdue: do it now, or tell the supervisor why not</source>
        <translation>已逾期：请立即处理，或向客服主管说明原因</translation>
    </message>
</context>
<context>
    <name>ChecklistView</name>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Mark step done…</source>
        <translation>标记步骤完成…</translation>
    </message>
</context>
<context>
    <name>CockpitSession</name>
    <message>
        <source>The settings are not valid</source>
        <translation>设置无效</translation>
    </message>
    <message>
        <source>The cockpit could not start</source>
        <translation>驾驶舱无法启动</translation>
    </message>
    <message>
        <source>The cockpit could not restart</source>
        <translation>驾驶舱无法重新启动</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>Enter the backend&apos;s address.</source>
        <translation>请输入后端地址。</translation>
    </message>
    <message>
        <source>{kind} addresses start with {schemes}</source>
        <translation>{kind} 的地址以 {schemes} 开头</translation>
    </message>
    <message>
        <source>The built-in simulator runs inside the cockpit: nothing to connect to.</source>
        <translation>内置模拟器在驾驶舱内部运行，无需连接。</translation>
    </message>
    <message>
        <source>{mask} set by {env}</source>
        <translation>{mask} 由 {env} 提供</translation>
    </message>
    <message>
        <source>{mask} stored in the keyring</source>
        <translation>{mask} 已保存在密钥环中</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Kept in the OS keyring, never in the settings file. Without a keyring, set {env} instead.</source>
        <translation>保存在系统密钥环中，绝不写入设置文件。没有密钥环时，请改为设置环境变量 {env}。</translation>
    </message>
    <message>
        <source>For example {url}</source>
        <translation>例如 {url}</translation>
    </message>
    <message>
        <source>Backend type:</source>
        <translation>后端类型：</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>地址（URL）：</translation>
    </message>
    <message>
        <source>Agent e-mail:</source>
        <translation>坐席电子邮件：</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>API token:</source>
        <translation>API 令牌：</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
</context>
<context>
    <name>DeclareDialog</name>
    <message>
        <source>Declare “{name}” now?</source>
        <translation>确定现在宣布“{name}”吗？</translation>
    </message>
    <message>
        <source>Declare incident</source>
        <translation>宣布事件</translation>
    </message>
    <message>
        <source>• switch the bot auto-reply on</source>
        <translation>• 开启机器人自动回复</translation>
    </message>
    <message>
        <source>• publish {n} script(s) to the agents</source>
        <translation>• 向坐席发布 {n} 条话术</translation>
    </message>
    <message>
        <source>• tell the team chats</source>
        <translation>• 通知团队群</translation>
    </message>
    <message>
        <source>The playbook does nothing by itself.</source>
        <translation>该预案不会自动执行任何操作。</translation>
    </message>
    <message>
        <source>The playbook will at once:</source>
        <translation>预案将立即：</translation>
    </message>
    <message>
        <source>Playbook</source>
        <translation>预案</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概述</translation>
    </message>
    <message>
        <source>Suggested by the alert&apos;s topics</source>
        <translation>根据告警主题推荐</translation>
    </message>
    <message>
        <source>What is happening, in one line</source>
        <translation>一句话说明发生了什么</translation>
    </message>
    <message>
        <source>Script variables (empty: the default in grey)</source>
        <translation>话术变量（留空则使用灰色的默认值）</translation>
    </message>
    <message>
        <source>Run the playbook&apos;s automatic steps now</source>
        <translation>立即执行预案的自动步骤</translation>
    </message>
    <message>
        <source>Declare…</source>
        <translation>宣布…</translation>
    </message>
</context>
<context>
    <name>EarlyWarningDock</name>
    <message>
        <source>Incidents are not available (no incident log).</source>
        <translation>事件功能不可用（没有事件日志）。</translation>
    </message>
    <message>
        <source>Declare a {playbook} incident for “{what}” ({rate})? Its {n} tickets become part of the incident&apos;s match.</source>
        <translation>为“{what}”（{rate}）宣布 {playbook} 事件？这 {n} 张工单将归入该事件。</translation>
    </message>
    <message>
        <source>Declare incident</source>
        <translation>宣布事件</translation>
    </message>
    <message>
        <source>Declare</source>
        <translation>宣布</translation>
    </message>
    <message>
        <source>Incident #{id} declared with the surge&apos;s tickets.</source>
        <translation>已宣布事件 #{id}，激增的工单已归入。</translation>
    </message>
    <message>
        <source>Joined the open incident #{id}; the surge&apos;s tickets were added.</source>
        <translation>已并入进行中的事件 #{id}，激增的工单已加入。</translation>
    </message>
</context>
<context>
    <name>EarlyWarningPanel</name>
    <message>
        <source>Suggested incidents</source>
        <translation>建议的事件</translation>
    </message>
    <message>
        <source>No surge of similar tickets: nothing to suggest.</source>
        <translation>没有同类工单激增，暂无建议。</translation>
    </message>
    <message>
        <source>Forecast and staffing</source>
        <translation>预测与排班</translation>
    </message>
    <message>
        <source>Surge</source>
        <translation>激增</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>倍数</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单数</translation>
    </message>
    <message>
        <source>Playbook</source>
        <translation>预案</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Arrivals/min</source>
        <translation>进线/分钟</translation>
    </message>
    <message>
        <source>Breaches 15/30/60 min</source>
        <translation>超时 15/30/60 分钟</translation>
    </message>
    <message>
        <source>SL next hour</source>
        <translation>未来一小时服务水平</translation>
    </message>
    <message>
        <source>Agents online / needed</source>
        <translation>在线 / 所需坐席</translation>
    </message>
    <message>
        <source>SL now → forecast</source>
        <translation>服务水平 当前 → 预测</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>调配建议</translation>
    </message>
    <message>
        <source>Backlog recovery over: {backlog} waiting, back to the baseline of {base}.</source>
        <translation>积压恢复完成：{backlog} 张待回复，已回到基线 {base}。</translation>
    </message>
    <message>
        <source>not draining</source>
        <translation>积压未在减少</translation>
    </message>
    <message>
        <source>clear in ~{m} min</source>
        <translation>约 {m} 分钟后清完</translation>
    </message>
    <message>
        <source>Backlog recovery — clear the backlog first: {left} above the baseline ({backlog} waiting, baseline {base}), draining {rate:.1f}/min, {eta}. Oldest first: {oldest}</source>
        <translation>积压恢复——先处理积压：比基线多 {left} 张（{backlog} 张待回复，基线 {base}），每分钟消化 {rate:.1f} 张，{eta}。最早的优先：{oldest}</translation>
    </message>
    <message>
        <source>The whole floor</source>
        <translation>整个现场</translation>
    </message>
    <message>
        <source>Public opinion: {words}</source>
        <translation>舆情：{words}</translation>
    </message>
    <message>
        <source>×{ratio:.1f} in {minutes} min</source>
        <translation>{minutes} 分钟内 ×{ratio:.1f}</translation>
    </message>
    <message>
        <source>{n} in 15 min</source>
        <translation>15 分钟 {n} 张</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Declare…</source>
        <translation>宣布…</translation>
    </message>
    <message>
        <source>Move {n} from {source} → SL {level}</source>
        <translation>从{source}调 {n} 人 → 服务水平 {level}</translation>
    </message>
    <message>
        <source>Early warning</source>
        <translation>预警</translation>
    </message>
</context>
<context>
    <name>EscalationModel</name>
    <message>
        <source>Flagged, still with an agent · {n}</source>
        <translation>仍在坐席处、已标记 · {n}</translation>
    </message>
    <message>
        <source>(longest {n} shown)</source>
        <translation>（显示时间最长的 {n} 个）</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Double-click for the ticket&apos;s details</source>
        <translation>双击查看工单详情</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Pri.</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>At level</source>
        <translation>停留</translation>
    </message>
    <message>
        <source>Ticket number (double-click a row for its details)</source>
        <translation>工单号（双击一行查看详情）</translation>
    </message>
    <message>
        <source>Queue (skill group)</source>
        <translation>队列（技能组）</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>At level for: time since the ticket reached its escalation level (since it was created, for flagged tickets still with an agent)</source>
        <translation>停留时长：工单升级到当前级别至今的时长（仍在坐席处的标记工单：自创建起）</translation>
    </message>
    <message>
        <source>Owner: who holds the ticket at its level</source>
        <translation>负责人：当前级别持有该工单的人</translation>
    </message>
    <message>
        <source>Flags: what is overdue on the ticket (the tooltip has them in full)</source>
        <translation>标记：该工单有哪些事项已超时（提示中有完整说明）</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>EscalationsPanel</name>
    <message>
        <source>Escalations</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Escalations by level</source>
        <translation>按级别的升级工单</translation>
    </message>
</context>
<context>
    <name>FloorBoard</name>
    <message>
        <source>Promotion targets on: pre-sales answers within 1 min</source>
        <translation>已启用大促目标：售前 1 分钟内首次响应</translation>
    </message>
    <message>
        <source>Promotion targets off: the usual desk targets apply</source>
        <translation>已关闭大促目标：恢复日常服务目标</translation>
    </message>
    <message>
        <source>No floor yet: the promotion targets can be switched once data arrives.</source>
        <translation>尚无现场数据：收到数据后才能切换大促目标。</translation>
    </message>
    <message>
        <source>That ticket is no longer on the floor.</source>
        <translation>该工单已不在当前数据中。</translation>
    </message>
</context>
<context>
    <name>FloorText</name>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Enquiry</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Tech support</source>
        <translation>技术支持</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解决时限</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>未超时</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>PR / legal</source>
        <translation>公关/法务</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Waiting on the customer</source>
        <translation>等待客户回复</translation>
    </message>
    <message>
        <source>Waiting on another department</source>
        <translation>等待其他部门</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>在线聊天</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <source>Web form</source>
        <translation>网页表单</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Collaboration: no answer from the other department</source>
        <translation>协作工单：其他部门无回复</translation>
    </message>
    <message>
        <source>Escalated complaint: customer not updated</source>
        <translation>升级投诉：未向客户更新进展</translation>
    </message>
    <message>
        <source>Urgent: not reported to the supervisor</source>
        <translation>紧急工单：未上报主管</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>协作无回复</translation>
    </message>
    <message>
        <source>Not updated</source>
        <translation>未更新客户</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>未上报</translation>
    </message>
    <message>
        <source>Urgent not reported</source>
        <translation>紧急未上报</translation>
    </message>
    <message>
        <source>1st reply</source>
        <translation>首响</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>{queue} — 1 urgent ticket breached</source>
        <translation>{queue} — 1 个紧急工单已超时</translation>
    </message>
    <message>
        <source>{queue} — {n} urgent tickets breached</source>
        <translation>{queue} — {n} 个紧急工单已超时</translation>
    </message>
    <message>
        <source>{queue} — 1 waiting past target ({waiting} waiting)</source>
        <translation>{queue} — 1 人等待超过目标（共 {waiting} 人等待）</translation>
    </message>
    <message>
        <source>{queue} — {n} waiting past target ({waiting} waiting)</source>
        <translation>{queue} — {n} 人等待超过目标（共 {waiting} 人等待）</translation>
    </message>
    <message>
        <source>{queue} — 1 ticket past its resolution target</source>
        <translation>{queue} — 1 个工单超过解决时限</translation>
    </message>
    <message>
        <source>{queue} — {n} tickets past their resolution target</source>
        <translation>{queue} — {n} 个工单超过解决时限</translation>
    </message>
    <message>
        <source>{queue} — 1 collaboration ticket without an answer for over {limit}</source>
        <translation>{queue} — 1 个协作工单超过 {limit} 无回复</translation>
    </message>
    <message>
        <source>{queue} — {n} collaboration tickets without an answer for over {limit}</source>
        <translation>{queue} — {n} 个协作工单超过 {limit} 无回复</translation>
    </message>
    <message>
        <source>{queue} — 1 complaint without a customer update for over {limit}</source>
        <translation>{queue} — 1 个升级投诉超过 {limit} 未更新客户</translation>
    </message>
    <message>
        <source>{queue} — {n} complaints without a customer update for over {limit}</source>
        <translation>{queue} — {n} 个升级投诉超过 {limit} 未更新客户</translation>
    </message>
    <message>
        <source>{queue} — 1 urgent ticket not reported to the supervisor</source>
        <translation>{queue} — 1 个紧急工单未上报主管</translation>
    </message>
    <message>
        <source>{queue} — {n} urgent tickets not reported to the supervisor</source>
        <translation>{queue} — {n} 个紧急工单未上报主管</translation>
    </message>
    <message>
        <source>{queue} — service level {level} (target {target})</source>
        <translation>{queue} — 服务水平 {level}（目标 {target}）</translation>
    </message>
    <message>
        <source>{queue} — oldest wait {wait} (target {target_wait})</source>
        <translation>{queue} — 最长等待 {wait}（目标 {target_wait}）</translation>
    </message>
    <message>
        <source>Incident #{incident} — checklist step “{step}” overdue by {span}</source>
        <translation>事件 #{incident} — 检查清单步骤“{step}”已逾期 {span}</translation>
    </message>
    <message>
        <source>d</source>
        <translation>天</translation>
    </message>
    <message>
        <source>h</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation>{h} 小时</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d} 天 {h} 小时</translation>
    </message>
    <message>
        <source>All queues on track</source>
        <translation>所有队列正常</translation>
    </message>
    <message>
        <source>Needs help now: {queue} — {facts}</source>
        <translation>需要支援：{queue} — {facts}</translation>
    </message>
    <message>
        <source>SL {level} vs {target}</source>
        <translation>服务水平 {level} / 目标 {target}</translation>
    </message>
    <message>
        <source>{n} breached</source>
        <translation>{n} 单已超时</translation>
    </message>
    <message>
        <source>{n} at risk, next in {time}</source>
        <translation>{n} 单临近超时，最近 {time}</translation>
    </message>
    <message>
        <source>{n} at risk</source>
        <translation>{n} 单临近超时</translation>
    </message>
    <message>
        <source>{n} waiting past target</source>
        <translation>{n} 单等待超目标</translation>
    </message>
    <message>
        <source>nobody free</source>
        <translation>无空闲坐席</translation>
    </message>
    <message>
        <source>occupancy {share}</source>
        <translation>占用率 {share}</translation>
    </message>
    <message>
        <source>{n} more agents needed</source>
        <translation>还需 {n} 名坐席</translation>
    </message>
</context>
<context>
    <name>IncidentBanner</name>
    <message>
        <source>⚠ INCIDENT #{id}</source>
        <translation>⚠ 事件 #{id}</translation>
    </message>
    <message>
        <source>+{n} more open</source>
        <translation>另有 {n} 个进行中</translation>
    </message>
    <message>
        <source>Click to show the incident panel</source>
        <translation>点击显示事件面板</translation>
    </message>
    <message>
        <source>Bot auto-reply: ON</source>
        <translation>机器人自动回复：已开启</translation>
    </message>
    <message>
        <source>Bot auto-reply: off</source>
        <translation>机器人自动回复：未开启</translation>
    </message>
    <message>
        <source>Bot auto-reply: unknown</source>
        <translation>机器人自动回复：状态未知</translation>
    </message>
    <message>
        <source>Bot auto-reply: not available</source>
        <translation>机器人自动回复：不可用</translation>
    </message>
    <message>
        <source>Running {span}</source>
        <translation>已持续 {span}</translation>
    </message>
    <message>
        <source>{n} step(s) overdue</source>
        <translation>{n} 项逾期</translation>
    </message>
    <message>
        <source>Checklist on time</source>
        <translation>检查清单按时</translation>
    </message>
</context>
<context>
    <name>IncidentMode</name>
    <message>
        <source>Declare incident</source>
        <translation>宣布事件</translation>
    </message>
    <message>
        <source>Incident mode is still starting. Try again in a moment.</source>
        <translation>事件模式仍在启动，请稍后再试。</translation>
    </message>
    <message>
        <source>An incident of this kind is already open: the declaration joined #{id}.</source>
        <translation>同类事件已在处置中：本次宣布已并入事件 #{id}。</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <source>Show system reminders ({n})</source>
        <translation>显示系统提醒（{n}）</translation>
    </message>
    <message>
        <source>Switch the bot auto-reply on now? Customers writing about {topics} will get the playbook&apos;s notice until the bot is restored or the incident resolved.</source>
        <translation>现在开启机器人自动回复吗？咨询{topics}的客户将收到预案中的公告，直到恢复机器人或解除事件为止。</translation>
    </message>
    <message>
        <source>any topic</source>
        <translation>任何主题</translation>
    </message>
    <message>
        <source>Bot auto-reply</source>
        <translation>机器人自动回复</translation>
    </message>
    <message>
        <source>Switch bot on</source>
        <translation>开启机器人</translation>
    </message>
    <message>
        <source>Put the bot auto-reply back exactly as it was before the incident? Customers stop getting the incident notice.</source>
        <translation>把机器人自动回复恢复成事件前的原样吗？客户将不再收到事件公告。</translation>
    </message>
    <message>
        <source>Restore bot</source>
        <translation>恢复机器人</translation>
    </message>
    <message>
        <source>Write the status update below, then post it.</source>
        <translation>请在下方填写状态更新，然后发布。</translation>
    </message>
    <message>
        <source>Mark “{step}” as done? This cannot be undone.</source>
        <translation>将“{step}”标记为已完成吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>Answer {n} new matching tickets</source>
        <translation>回复 {n} 张新的匹配工单</translation>
    </message>
    <message>
        <source>No new matching tickets since the last reply</source>
        <translation>上次回复后没有新的匹配工单</translation>
    </message>
    <message>
        <source>Incident log (newest first)</source>
        <translation>事件日志（最新在前）</translation>
    </message>
    <message>
        <source>Hide the incident panel; click the banner to bring it back</source>
        <translation>收起事件面板；点击横幅可重新展开</translation>
    </message>
    <message>
        <source>Broadcast…</source>
        <translation>广播话术…</translation>
    </message>
    <message>
        <source>Reply to matching tickets…</source>
        <translation>批量回复匹配工单…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解除事件…</translation>
    </message>
    <message>
        <source>Restore bot…</source>
        <translation>恢复机器人…</translation>
    </message>
    <message>
        <source>Switch bot on…</source>
        <translation>开启机器人…</translation>
    </message>
    <message>
        <source>No open incident</source>
        <translation>当前没有进行中的事件</translation>
    </message>
    <message>
        <source>Incident #{id} · declared {time} by {who}</source>
        <translation>事件 #{id} · {time} 由 {who} 宣布</translation>
    </message>
</context>
<context>
    <name>IncidentText</name>
    <message>
        <source>this backend cannot do it</source>
        <translation>当前后端不支持此操作</translation>
    </message>
    <message>
        <source>no ticket backend is connected</source>
        <translation>没有连接工单后端</translation>
    </message>
    <message>
        <source>this backend has no way to switch the bot auto-reply</source>
        <translation>当前后端无法切换机器人自动回复</translation>
    </message>
    <message>
        <source>no auto-reply trigger is set up for this backend (see the settings)</source>
        <translation>当前后端未配置自动回复触发器（请查看设置）</translation>
    </message>
    <message>
        <source>this backend cannot publish reply scripts to the agents</source>
        <translation>当前后端无法向坐席发布回复话术</translation>
    </message>
    <message>
        <source>this backend needs a channel for each reply, so replies cannot be sent</source>
        <translation>当前后端每条回复都需要指定渠道，因此无法发送回复</translation>
    </message>
    <message>
        <source>some script variables have no value</source>
        <translation>部分话术变量没有取值</translation>
    </message>
    <message>
        <source>the playbook does not allow this script there</source>
        <translation>预案不允许把这条话术发到这里</translation>
    </message>
    <message>
        <source>the team chat is not configured (no webhook address)</source>
        <translation>团队群未配置（没有 Webhook 地址）</translation>
    </message>
    <message>
        <source>the playbook has no such team chat</source>
        <translation>预案中没有这个团队群</translation>
    </message>
    <message>
        <source>the cockpit stopped while this was running; check the backend</source>
        <translation>执行期间驾驶舱已停止，请到后端核实</translation>
    </message>
    <message>
        <source>an internal error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <source>the incident is already resolved</source>
        <translation>事件已解除</translation>
    </message>
    <message>
        <source>the backend could not be reached</source>
        <translation>无法连接后端</translation>
    </message>
    <message>
        <source>the backend did not answer in time</source>
        <translation>后端响应超时</translation>
    </message>
    <message>
        <source>the secure connection failed</source>
        <translation>安全连接失败</translation>
    </message>
    <message>
        <source>sign-in was refused: check the credentials</source>
        <translation>登录被拒绝：请检查凭据</translation>
    </message>
    <message>
        <source>the account is not allowed to do this</source>
        <translation>该账号无权执行此操作</translation>
    </message>
    <message>
        <source>the backend does not know this item</source>
        <translation>后端找不到该条目</translation>
    </message>
    <message>
        <source>the backend asked us to slow down</source>
        <translation>后端要求降低请求频率</translation>
    </message>
    <message>
        <source>the backend had a server error</source>
        <translation>后端服务器出错</translation>
    </message>
    <message>
        <source>the backend&apos;s answer could not be read</source>
        <translation>后端返回的数据无法解析</translation>
    </message>
    <message>
        <source>no answer after sending: it may or may not have happened</source>
        <translation>发送后没有收到回应：可能已生效，也可能没有</translation>
    </message>
    <message>
        <source>the backend gave an unexpected answer</source>
        <translation>后端返回了意外的结果</translation>
    </message>
    <message>
        <source>an error in the backend connection</source>
        <translation>后端连接出错</translation>
    </message>
    <message>
        <source>the backend refused it</source>
        <translation>后端拒绝了此操作</translation>
    </message>
    <message>
        <source>Incident declared</source>
        <translation>宣布事件</translation>
    </message>
    <message>
        <source>Declared again (joined)</source>
        <translation>重复宣布（已并入）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status update</source>
        <translation>状态更新</translation>
    </message>
    <message>
        <source>Variables set</source>
        <translation>设置变量</translation>
    </message>
    <message>
        <source>Checklist step done</source>
        <translation>完成清单步骤</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Bot auto-reply on</source>
        <translation>开启机器人自动回复</translation>
    </message>
    <message>
        <source>Bot auto-reply restored</source>
        <translation>恢复机器人自动回复</translation>
    </message>
    <message>
        <source>Script published to agents</source>
        <translation>向坐席发布话术</translation>
    </message>
    <message>
        <source>Script withdrawn</source>
        <translation>撤回话术</translation>
    </message>
    <message>
        <source>Team chat message</source>
        <translation>团队群消息</translation>
    </message>
    <message>
        <source>Reply to ticket</source>
        <translation>回复工单</translation>
    </message>
    <message>
        <source>Incident resolved</source>
        <translation>解除事件</translation>
    </message>
    <message>
        <source>in progress…</source>
        <translation>进行中…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>unknown outcome</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>未执行</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Switching the bot is not available: {reason}.</source>
        <translation>无法切换机器人：{reason}。</translation>
    </message>
    <message>
        <source>Publishing scripts to agents is not available: {reason}.</source>
        <translation>无法向坐席发布话术：{reason}。</translation>
    </message>
    <message>
        <source>Replying to tickets is not available: {reason}.</source>
        <translation>无法回复工单：{reason}。</translation>
    </message>
    <message>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <source>DingTalk</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <source>Feishu</source>
        <translation>飞书</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>ticket number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Payment keeps spinning</source>
        <translation>付款一直转圈</translation>
    </message>
    <message>
        <source>ticket subject</source>
        <translation>工单标题</translation>
    </message>
    <message>
        <source>Agents (reply scripts)</source>
        <translation>坐席（回复话术）</translation>
    </message>
    <message>
        <source>Bot auto-reply</source>
        <translation>机器人自动回复</translation>
    </message>
    <message>
        <source>Team chat: {name}</source>
        <translation>团队群：{name}</translation>
    </message>
    <message>
        <source>✓ done {time} · {who}</source>
        <translation>✓ {time} 已完成 · {who}</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>无时限</translation>
    </message>
    <message>
        <source>overdue by {span}</source>
        <translation>已逾期 {span}</translation>
    </message>
    <message>
        <source>next due in {span}</source>
        <translation>距下次截止 {span}</translation>
    </message>
    <message>
        <source>due in {span}</source>
        <translation>剩余 {span}</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>retrying at {time}</source>
        <translation>将于 {time} 重试</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Done: {n} action(s) succeeded.</source>
        <translation>已完成：{n} 项操作成功。</translation>
    </message>
    <message>
        <source>{ok} done, {bad} not done:</source>
        <translation>{ok} 项成功，{bad} 项未成功：</translation>
    </message>
    <message>
        <source>… and {n} more (see the timeline)</source>
        <translation>… 另有 {n} 项（见事件日志）</translation>
    </message>
    <message>
        <source>Skipped (not configured):</source>
        <translation>已跳过（未配置）：</translation>
    </message>
    <message>
        <source>logistics</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>login</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>membership</source>
        <translation>会员积分</translation>
    </message>
    <message>
        <source>coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>product questions</source>
        <translation>商品咨询</translation>
    </message>
    <message>
        <source>app crashes</source>
        <translation>应用闪退</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>&amp;Wall board</source>
        <translation>大屏模式(&amp;W)</translation>
    </message>
    <message>
        <source>Full screen for a TV: queues, countdowns and the incident banner (F11, Esc)</source>
        <translation>电视大屏全屏显示：队列、超时倒计时和事件横幅（F11，Esc 退出）</translation>
    </message>
    <message>
        <source>Wall board &amp;layout</source>
        <translation>大屏布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Fixed: queues and countdowns together</source>
        <translation>固定：队列与倒计时同屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Rotating: one page at a time</source>
        <translation>轮播：逐页显示(&amp;R)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>正常大小(&amp;N)</translation>
    </message>
    <message>
        <source>About Supervisor Cockpit</source>
        <translation>关于客服主管驾驶舱</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Supervisor Cockpit {version}&lt;/h3&gt;&lt;p&gt;Live queues, SLA clocks, escalations and incident mode for customer-service floor supervisors.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;客服主管驾驶舱 {version}&lt;/h3&gt;&lt;p&gt;为客服现场主管提供实时队列、SLA 计时、升级工单与突发事件处置模式。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>立即刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Poll the backend now instead of waiting</source>
        <translation>立即从后端拉取数据，不等下一次轮询</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Backend, credentials, poll interval, language</source>
        <translation>后端、凭据、轮询间隔、语言</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Night mode</source>
        <translation>夜间模式(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Sound for alerts</source>
        <translation>告警提示音(&amp;S)</translation>
    </message>
    <message>
        <source>Beep when a new alert comes in</source>
        <translation>有新告警时发出提示音</translation>
    </message>
    <message>
        <source>&amp;Incident</source>
        <translation>事件(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Declare incident…</source>
        <translation>宣布事件(&amp;D)…</translation>
    </message>
    <message>
        <source>Open an incident from a playbook</source>
        <translation>按预案启动事件处置</translation>
    </message>
    <message>
        <source>&amp;Reviews…</source>
        <translation>复盘报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Post-incident reviews: impact, timeline, exports</source>
        <translation>事件复盘：影响、时间线、导出</translation>
    </message>
    <message>
        <source>&amp;Promotion targets</source>
        <translation>大促服务目标(&amp;P)</translation>
    </message>
    <message>
        <source>Count the SLA with the promotion targets (pre-sales: first answer in 1 min)</source>
        <translation>按大促服务目标计算 SLA（售前：1 分钟内首次响应）</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Supervisor Cockpit</source>
        <translation>关于客服主管驾驶舱(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Supervisor Cockpit</source>
        <translation>客服主管驾驶舱</translation>
    </message>
</context>
<context>
    <name>NameMapEditor</name>
    <message>
        <source>row {row}: id {id} has no name</source>
        <translation>第 {row} 行：ID {id} 没有名称</translation>
    </message>
    <message>
        <source>row {row}: {name} has no id</source>
        <translation>第 {row} 行：{name} 没有 ID</translation>
    </message>
    <message>
        <source>row {row}: id {id} is listed twice</source>
        <translation>第 {row} 行：ID {id} 重复</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>删除所选行</translation>
    </message>
</context>
<context>
    <name>NotesBar</name>
    <message>
        <source>No team chat is configured for this playbook</source>
        <translation>该预案没有配置任何团队群</translation>
    </message>
    <message>
        <source>Write a note or a status update…</source>
        <translation>填写备注或状态更新…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Post status update</source>
        <translation>发布状态更新</translation>
    </message>
    <message>
        <source>Also post status updates to the team chats</source>
        <translation>状态更新同时发到团队群</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>The backend reports no queues.</source>
        <translation>后端没有返回任何队列。</translation>
    </message>
    <message>
        <source>Queues right now</source>
        <translation>实时队列</translation>
    </message>
    <message>
        <source>Worst queue first:
1. queues that need help (tickets past due, or the service level
    under its target);
2. among them, the most customers in trouble: tickets past due
    plus the customers short of the target (how many more first
    responses of the last 60 min had to be in target to meet it);
3. then tickets about to breach, the service-level gap and the
    soonest deadline.</source>
        <translation>最差的队列排在最前：
1. 需要支援的队列（有工单已超时，或服务水平低于目标）；
2. 其中受影响客户最多的优先：已超时工单数，加上距目标还差的客户数
    （近 60 分钟内还需多少个首次响应达标才能达到目标）；
3. 再看即将超时的工单、服务水平差距和最近的截止时间。</translation>
    </message>
    <message>
        <source>▲ warning   ▲▲ critical   ▼ / ▼▼ service level low</source>
        <translation>▲ 预警   ▲▲ 严重   ▼ / ▼▼ 服务水平偏低</translation>
    </message>
    <message>
        <source>Waiting for the first data from the backend…</source>
        <translation>正在等待后端的首批数据…</translation>
    </message>
    <message>
        <source>Waiting for first response</source>
        <translation>待首次响应</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>未结工单</translation>
    </message>
    <message>
        <source>Agents available / busy / away</source>
        <translation>坐席 在线 / 忙碌 / 离开</translation>
    </message>
    <message>
        <source>Last 15 min: arrived / resolved</source>
        <translation>近 15 分钟 进线 / 解决</translation>
    </message>
    <message>
        <source>Lowest service level</source>
        <translation>最低服务水平</translation>
    </message>
    <message>
        <source>all queues</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <source>nobody waiting</source>
        <translation>无人排队</translation>
    </message>
    <message>
        <source>no first responses yet</source>
        <translation>暂无首次响应</translation>
    </message>
    <message>
        <source>nobody free: {queues}</source>
        <translation>无空闲坐席：{queues}</translation>
    </message>
    <message>
        <source>backlog growing by {n}</source>
        <translation>积压增加 {n} 单</translation>
    </message>
    <message>
        <source>keeping up</source>
        <translation>处理跟得上</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>No first responses in the last hour</source>
        <translation>近一小时没有首次响应</translation>
    </message>
    <message>
        <source>Target: {target}</source>
        <translation>目标：{target}</translation>
    </message>
    <message>
        <source>Warning: at or past the warning threshold</source>
        <translation>预警：已达到预警阈值</translation>
    </message>
    <message>
        <source>Critical: at or past the critical threshold</source>
        <translation>严重：已达到严重阈值</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Open tickets in the queue</source>
        <translation>队列中的未结工单</translation>
    </message>
    <message>
        <source>Open tickets with no first response yet</source>
        <translation>尚未首次响应的未结工单（排队中）</translation>
    </message>
    <message>
        <source>Counted: {met} in target, {late} late, {waiting} waiting past target, {gone} closed unanswered past target</source>
        <translation>统计：目标内 {met}，超时响应 {late}，等待超目标 {waiting}，超目标未答关闭 {gone}</translation>
    </message>
    <message>
        <source>Needs help now</source>
        <translation>需要支援</translation>
    </message>
    <message>
        <source>Watch: tickets close to their deadline</source>
        <translation>关注：有工单临近截止</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Rank {rank}: {level}</source>
        <translation>排名 {rank}：{level}</translation>
    </message>
    <message>
        <source>Nobody available while tickets wait</source>
        <translation>有工单等待但无空闲坐席</translation>
    </message>
    <message>
        <source>Agents needed to hold the target: {n}</source>
        <translation>保持目标所需坐席：{n}</translation>
    </message>
    <message>
        <source>SL</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <source>Late 1st</source>
        <translation>首响超时</translation>
    </message>
    <message>
        <source>Late res.</source>
        <translation>解决超时</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>临近超时</translation>
    </message>
    <message>
        <source>Past tgt</source>
        <translation>超目标</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>最久等待</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Occ.</source>
        <translation>占用率</translation>
    </message>
    <message>
        <source>In 15m</source>
        <translation>15分进线</translation>
    </message>
    <message>
        <source>Out 15m</source>
        <translation>15分解决</translation>
    </message>
    <message>
        <source>Queue or skill group, the one that needs help most on top</source>
        <translation>队列或技能组，最需要支援的排在最上面</translation>
    </message>
    <message>
        <source>Service level, last 60 min: first responses within target ÷ (answered + still waiting past target + closed unanswered past target)</source>
        <translation>服务水平（近 60 分钟）：目标内首次响应 ÷（已响应 + 仍在等待且超目标 + 超目标未答即关闭）</translation>
    </message>
    <message>
        <source>Open tickets past their first-response due time</source>
        <translation>已超过首次响应时限的未结工单</translation>
    </message>
    <message>
        <source>Open tickets past their resolution due time</source>
        <translation>已超过解决时限的未结工单</translation>
    </message>
    <message>
        <source>Open tickets inside their warning window, about to breach</source>
        <translation>进入预警窗口、即将超时的未结工单</translation>
    </message>
    <message>
        <source>Tickets still waiting for a first response past its target</source>
        <translation>超过目标仍在等待首次响应的工单</translation>
    </message>
    <message>
        <source>How long the oldest ticket without a first response has waited</source>
        <translation>最早一张未首次响应的工单已等待的时长</translation>
    </message>
    <message>
        <source>Agents available to take work</source>
        <translation>可以接单的在线坐席</translation>
    </message>
    <message>
        <source>Agents busy with a customer</source>
        <translation>正在服务客户的坐席</translation>
    </message>
    <message>
        <source>Agents away (break, meeting, training)</source>
        <translation>离开的坐席（小休、开会、培训）</translation>
    </message>
    <message>
        <source>Occupancy: busy ÷ (busy + available) of the agents on the queue</source>
        <translation>占用率：该队列坐席中 忙碌 ÷（忙碌 + 空闲）</translation>
    </message>
    <message>
        <source>Tickets that arrived in the last 15 minutes</source>
        <translation>近 15 分钟进线的工单</translation>
    </message>
    <message>
        <source>Tickets resolved in the last 15 minutes</source>
        <translation>近 15 分钟解决的工单</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve incident #{id}</source>
        <translation>解除事件 #{id}</translation>
    </message>
    <message>
        <source>What was the cause and how was it fixed? (shown in the review)</source>
        <translation>原因是什么？如何解决的？（将显示在复盘中）</translation>
    </message>
    <message>
        <source>Resolve incident</source>
        <translation>解除事件</translation>
    </message>
    <message>
        <source>Resolution summary</source>
        <translation>处置总结</translation>
    </message>
    <message>
        <source>Resolve “{title}”? Resolving will:</source>
        <translation>解除“{title}”吗？解除后将：</translation>
    </message>
    <message>
        <source>• put the bot auto-reply back exactly as it was before</source>
        <translation>• 把机器人自动回复恢复成事件前的原样</translation>
    </message>
    <message>
        <source>• withdraw the {n} script(s) published to the agents</source>
        <translation>• 撤回已向坐席发布的 {n} 条话术</translation>
    </message>
    <message>
        <source>• tell the team chats that the incident is over</source>
        <translation>• 通知团队群事件已解除</translation>
    </message>
    <message>
        <source>• return polling to its normal pace</source>
        <translation>• 恢复正常的轮询频率</translation>
    </message>
    <message>
        <source>The incident log stays open for notes and the review.</source>
        <translation>事件日志仍可添加备注，供复盘使用。</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Post-incident reviews</source>
        <translation>事件复盘</translation>
    </message>
    <message>
        <source>Baseline: the same length before</source>
        <translation>基线：宣布前同等时长</translation>
    </message>
    <message>
        <source>Baseline: the same hours the day before</source>
        <translation>基线：前一天同一时段</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>走势图</translation>
    </message>
    <message>
        <source>Impact and checklist</source>
        <translation>影响与检查清单</translation>
    </message>
    <message>
        <source>Written parts and action items</source>
        <translation>复盘结论与改进事项</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Export HTML…</source>
        <translation>导出 HTML…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Review owner</source>
        <translation>复盘负责人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概述</translation>
    </message>
    <message>
        <source>Contributing causes</source>
        <translation>促成因素</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解决措施</translation>
    </message>
    <message>
        <source>Save the written parts</source>
        <translation>保存复盘结论</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due (YYYY-MM-DD)</source>
        <translation>期限（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Add action item</source>
        <translation>添加改进事项</translation>
    </message>
    <message>
        <source>Save action items</source>
        <translation>保存改进事项</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>改进事项</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>复盘</translation>
    </message>
    <message>
        <source>New action</source>
        <translation>新的改进事项</translation>
    </message>
    <message>
        <source>Row {row}: the due date must look like 2026-12-31</source>
        <translation>第 {row} 行：期限格式应为 2026-12-31</translation>
    </message>
    <message>
        <source>Export the review as PDF</source>
        <translation>将复盘导出为 PDF</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export the review as HTML</source>
        <translation>将复盘导出为 HTML</translation>
    </message>
    <message>
        <source>Export the review as JSON</source>
        <translation>将复盘导出为 JSON</translation>
    </message>
    <message>
        <source>Export samples and events as CSV</source>
        <translation>将指标数据和事件导出为 CSV</translation>
    </message>
</context>
<context>
    <name>RunOp</name>
    <message>
        <source>The action did not go through</source>
        <translation>操作未能完成</translation>
    </message>
    <message>
        <source>Incident mode is still starting. Try again in a moment.</source>
        <translation>事件模式仍在启动，请稍后再试。</translation>
    </message>
    <message>
        <source>Incident mode needs the ticket backend, which could not be set up.</source>
        <translation>事件模式需要连接工单后端，但后端未能完成设置。</translation>
    </message>
    <message>
        <source>The incident log (database) could not be opened, so nothing was saved.</source>
        <translation>无法打开事件日志（数据库），因此没有保存任何内容。</translation>
    </message>
    <message>
        <source>The ticket backend said no: {reason}.</source>
        <translation>工单后端未能执行：{reason}。</translation>
    </message>
    <message>
        <source>This incident has already been resolved.</source>
        <translation>该事件已经解除。</translation>
    </message>
    <message>
        <source>Fill in these script variables first: {names}.</source>
        <translation>请先填写这些话术变量：{names}。</translation>
    </message>
    <message>
        <source>The playbook or incident changed meanwhile; reopen the dialog and try again.</source>
        <translation>预案或事件在此期间已变化，请重新打开对话框再试。</translation>
    </message>
    <message>
        <source>The incident log (database) could not be written. Nothing was sent.</source>
        <translation>无法写入事件日志（数据库），因此没有发送任何内容。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The details are below.</source>
        <translation>出现意外错误，详情见下方。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <source>Details: {detail}</source>
        <translation>详细信息：{detail}</translation>
    </message>
    <message>
        <source>Zendesk needs the agent&apos;s e-mail address for its API token.</source>
        <translation>Zendesk 的 API 令牌需要配合坐席的电子邮件地址使用。</translation>
    </message>
    <message>
        <source>Unknown time zone: {zone}</source>
        <translation>未知时区：{zone}</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>未保存：</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>The cockpit uses the new settings after a restart.</source>
        <translation>驾驶舱重新启动后将使用新设置。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Backend options</source>
        <translation>后端选项</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Poll interval:</source>
        <translation>轮询间隔：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Follow system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Display time zone:</source>
        <translation>显示时区：</translation>
    </message>
    <message>
        <source>this computer&apos;s time zone</source>
        <translation>本机时区</translation>
    </message>
    <message>
        <source>Set in the environment, and stronger than what is saved here: {names}</source>
        <translation>以下项已由环境变量设置，优先于此处保存的值：{names}</translation>
    </message>
    <message>
        <source>The settings file could not be read; saving replaces it. {error}</source>
        <translation>无法读取设置文件，保存时将替换它。{error}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
</context>
<context>
    <name>SettingsText</name>
    <message>
        <source>Built-in simulator</source>
        <translation>内置模拟器</translation>
    </message>
    <message>
        <source>Open feed API</source>
        <translation>开放数据接口（Feed API）</translation>
    </message>
    <message>
        <source>The address is not a valid backend URL.</source>
        <translation>该地址不是有效的后端 URL。</translation>
    </message>
    <message>
        <source>The address does not start with a backend type this cockpit knows.</source>
        <translation>该地址的开头不是本驾驶舱支持的后端类型。</translation>
    </message>
    <message>
        <source>Take the user name and password out of the address: the token goes in its own field.</source>
        <translation>请从地址中去掉用户名和密码：令牌请填在单独的输入框中。</translation>
    </message>
    <message>
        <source>There is no token: type one in, or set the environment variable {env}.</source>
        <translation>没有令牌：请输入令牌，或设置环境变量 {env}。</translation>
    </message>
    <message>
        <source>Zendesk needs the agent&apos;s e-mail address for its API token.</source>
        <translation>Zendesk 的 API 令牌需要配合坐席的电子邮件地址使用。</translation>
    </message>
    <message>
        <source>These settings cannot be used to connect; the details say why.</source>
        <translation>无法用这些设置建立连接，原因见详细信息。</translation>
    </message>
    <message>
        <source>The host name was not found (DNS). Check how the address is spelled, and that this computer can reach that network.</source>
        <translation>找不到该主机名（DNS 解析失败）。请检查地址拼写，以及这台电脑能否访问该网络。</translation>
    </message>
    <message>
        <source>The connection was refused: nothing answers at this address and port. Check the port, and that the server is running.</source>
        <translation>连接被拒绝：该地址和端口上没有服务响应。请检查端口，以及服务器是否在运行。</translation>
    </message>
    <message>
        <source>The secure connection (TLS) failed: the server&apos;s certificate could not be verified. For a test server with its own certificate you may turn certificate verification off in the backend options; never for a real one.</source>
        <translation>安全连接（TLS）失败：无法校验服务器的证书。若是使用自签证书的测试服务器，可在“后端选项”中关闭证书校验；正式服务器切勿关闭。</translation>
    </message>
    <message>
        <source>The server could not be reached.</source>
        <translation>无法连接到服务器。</translation>
    </message>
    <message>
        <source>Sign-in refused: the token (or e-mail address) is wrong or has expired.</source>
        <translation>登录被拒绝：令牌（或电子邮件地址）错误或已过期。</translation>
    </message>
    <message>
        <source>Signed in, but this account may not read tickets. Give it the rights named in the details.</source>
        <translation>已登录，但此账号无权读取工单。请按详细信息中所列为其授予权限。</translation>
    </message>
    <message>
        <source>The server answered, but has no ticket API at this address. Check the path (for django-helpdesk: where it is mounted, e.g. /helpdesk/).</source>
        <translation>服务器有响应，但该地址下没有工单 API。请检查路径（django-helpdesk 为其挂载位置，例如 /helpdesk/）。</translation>
    </message>
    <message>
        <source>The server answered, but not in the form this backend type sends: {field}. Is the address that of the right kind of backend?</source>
        <translation>服务器有响应，但内容不是此类后端应有的格式：{field}。该地址是否属于所选类型的后端？</translation>
    </message>
    <message>
        <source>The backend had a server error. Try again later, or ask its administrator.</source>
        <translation>后端服务器出错。请稍后重试，或联系其管理员。</translation>
    </message>
    <message>
        <source>The backend gave an answer this cockpit did not expect.</source>
        <translation>后端返回了驾驶舱未预料到的应答。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The details are below.</source>
        <translation>出现意外错误，详情见下方。</translation>
    </message>
    <message>
        <source>No connection within the time limit: the host may be down, or a firewall drops the connection.</source>
        <translation>未能在时限内建立连接：主机可能已关闭，或连接被防火墙拦截。</translation>
    </message>
    <message>
        <source>The server took the connection but did not answer in time.</source>
        <translation>服务器接受了连接，但未在时限内应答。</translation>
    </message>
    <message>
        <source>The backend asked us to slow down (rate limit). Try again in {n} s.</source>
        <translation>后端要求降低请求频率（限流）。请在 {n} 秒后重试。</translation>
    </message>
    <message>
        <source>The backend asked us to slow down (rate limit). Try again in a minute.</source>
        <translation>后端要求降低请求频率（限流）。请一分钟后重试。</translation>
    </message>
    <message>
        <source>Connected: the backend answered.</source>
        <translation>已连接：后端有响应。</translation>
    </message>
    <message>
        <source>Queues: {n}.</source>
        <translation>队列：{n} 个。</translation>
    </message>
    <message>
        <source>Open tickets: {n}.</source>
        <translation>未结工单：{n} 张。</translation>
    </message>
    <message>
        <source>Server time: {time}.</source>
        <translation>服务器时间：{time}。</translation>
    </message>
    <message>
        <source>No keyring (password store) is available on this computer.</source>
        <translation>这台电脑上没有可用的密钥环（密码存储）。</translation>
    </message>
    <message>
        <source>The keyring refused to store the token ({error}).</source>
        <translation>密钥环拒绝保存令牌（{error}）。</translation>
    </message>
    <message>
        <source>The token was not stored. Set the environment variable {env} to the token before starting the cockpit instead.</source>
        <translation>令牌未保存。请改为在启动驾驶舱前，将环境变量 {env} 设为该令牌。</translation>
    </message>
</context>
<context>
    <name>SlaHeatmapPanel</name>
    <message>
        <source>No heatmap yet: the backend reports no queues.</source>
        <translation>暂无热力图：后端没有报告任何队列。</translation>
    </message>
    <message>
        <source>Breaches: {b} of {due} due ({rate})</source>
        <translation>超时：到期 {due} 个中 {b} 个（{rate}）</translation>
    </message>
    <message>
        <source>Breaches: {b} (nothing fell due)</source>
        <translation>超时：{b}（无到期）</translation>
    </message>
    <message>
        <source>Warnings raised (at risk): {n}</source>
        <translation>预警（即将超时）：{n}</translation>
    </message>
    <message>
        <source>Click to list the tickets</source>
        <translation>点击列出工单</translation>
    </message>
    <message>
        <source>SLA heatmap</source>
        <translation>SLA 热力图</translation>
    </message>
    <message>
        <source>SLA breaches by queue, last 24 h</source>
        <translation>各队列 SLA 超时（近 24 小时）</translation>
    </message>
    <message>
        <source>Breaches</source>
        <translation>超时数</translation>
    </message>
    <message>
        <source>Breach rate</source>
        <translation>超时率</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>Bucket size</source>
        <translation>时间粒度</translation>
    </message>
    <message>
        <source>Hover a cell for its numbers, click it for its tickets.</source>
        <translation>悬停格子查看数字，点击查看工单。</translation>
    </message>
    <message>
        <source>Waiting for the first data from the backend…</source>
        <translation>正在等待后端的首批数据…</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>nothing due</source>
        <translation>无到期</translation>
    </message>
    <message>
        <source>1 and more</source>
        <translation>1 及以上</translation>
    </message>
    <message>
        <source>{n} and more</source>
        <translation>{n} 及以上</translation>
    </message>
    <message>
        <source>above 0%</source>
        <translation>高于 0%</translation>
    </message>
    <message>
        <source>Breaches per bucket (10 and more: red)</source>
        <translation>每格超时数（10 及以上为红色）</translation>
    </message>
    <message>
        <source>Breach rate, %</source>
        <translation>超时率 %</translation>
    </message>
    <message>
        <source>Warnings per bucket (20 and more: red)</source>
        <translation>每格预警数（20 及以上为红色）</translation>
    </message>
    <message>
        <source>Breaches per bucket</source>
        <translation>每格超时数</translation>
    </message>
    <message>
        <source>Warnings per bucket</source>
        <translation>每格预警数</translation>
    </message>
</context>
<context>
    <name>StatusBarView</name>
    <message>
        <source>Backend: {url}</source>
        <translation>后端：{url}</translation>
    </message>
    <message>
        <source>API {remaining}/{limit} per min</source>
        <translation>API {remaining}/{limit} 次/分钟</translation>
    </message>
    <message>
        <source>The backend allows {limit} requests a minute; {remaining} are left this minute. The cockpit keeps itself to {own} a minute.</source>
        <translation>后端每分钟允许 {limit} 次请求，本分钟还剩 {remaining} 次。驾驶舱自身限制为每分钟 {own} 次。</translation>
    </message>
    <message>
        <source>API ≤{limit} per min</source>
        <translation>API ≤{limit} 次/分钟</translation>
    </message>
    <message>
        <source>The cockpit keeps itself to {limit} requests a minute (see the settings).</source>
        <translation>驾驶舱自身限制为每分钟 {limit} 次请求（见设置）。</translation>
    </message>
    <message>
        <source>The budget is nearly used up: polls may wait for it.</source>
        <translation>请求额度即将用完：轮询可能需要等待。</translation>
    </message>
    <message>
        <source>no API token: set {variable} or open Settings</source>
        <translation>缺少 API 令牌：请设置 {variable} 或打开“设置”</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分</translation>
    </message>
    <message>
        <source>The backend&apos;s clock is {amount} ahead of this computer&apos;s.</source>
        <translation>后端时钟比本机快 {amount}。</translation>
    </message>
    <message>
        <source>The backend&apos;s clock is {amount} behind this computer&apos;s.</source>
        <translation>后端时钟比本机慢 {amount}。</translation>
    </message>
    <message>
        <source>Some tickets are stamped up to {amount} later than the backend&apos;s own time.</source>
        <translation>部分工单的时间戳比后端自身时间最多晚 {amount}。</translation>
    </message>
    <message>
        <source>SLA clocks run on the backend&apos;s time; ask its administrator to check the server clock.</source>
        <translation>SLA 计时以后端时间为准；请联系后端管理员检查服务器时钟。</translation>
    </message>
    <message>
        <source>⚠ Clock skew</source>
        <translation>⚠ 时钟偏差</translation>
    </message>
    <message>
        <source>Last successful poll: {time}</source>
        <translation>上次成功轮询：{time}</translation>
    </message>
    <message>
        <source>Failed polls in a row: {n}</source>
        <translation>连续轮询失败：{n} 次</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>updated {n} s ago</source>
        <translation>{n} 秒前更新</translation>
    </message>
    <message>
        <source>updated {n} min ago</source>
        <translation>{n} 分钟前更新</translation>
    </message>
    <message>
        <source>updated {n} h ago</source>
        <translation>{n} 小时前更新</translation>
    </message>
    <message>
        <source>Server time —</source>
        <translation>服务器时间 —</translation>
    </message>
    <message>
        <source>Server time {time} ({zone})</source>
        <translation>服务器时间 {time}（{zone}）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>不稳定</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>数据过期</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>backend not configured correctly</source>
        <translation>后端配置有误</translation>
    </message>
    <message>
        <source>no recent successful poll</source>
        <translation>近期没有成功的轮询</translation>
    </message>
    <message>
        <source>backend unreachable</source>
        <translation>后端无法连接</translation>
    </message>
    <message>
        <source>backend timed out</source>
        <translation>后端响应超时</translation>
    </message>
    <message>
        <source>secure connection failed</source>
        <translation>安全连接失败</translation>
    </message>
    <message>
        <source>sign-in refused: check the credentials</source>
        <translation>登录被拒绝：请检查凭据</translation>
    </message>
    <message>
        <source>access denied</source>
        <translation>无访问权限</translation>
    </message>
    <message>
        <source>address not found on the backend</source>
        <translation>后端找不到该地址</translation>
    </message>
    <message>
        <source>backend asked us to slow down</source>
        <translation>后端要求降低请求频率</translation>
    </message>
    <message>
        <source>backend server error</source>
        <translation>后端服务器错误</translation>
    </message>
    <message>
        <source>unreadable answer from the backend</source>
        <translation>后端返回的数据无法解析</translation>
    </message>
    <message>
        <source>outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>unexpected answer from the backend</source>
        <translation>后端返回了意外的响应</translation>
    </message>
    <message>
        <source>not supported by this backend</source>
        <translation>此后端不支持</translation>
    </message>
    <message>
        <source>backend error</source>
        <translation>后端出错</translation>
    </message>
    <message>
        <source>internal error (a cockpit bug; see the log)</source>
        <translation>内部错误（驾驶舱程序缺陷，请查看日志）</translation>
    </message>
    <message>
        <source>backend closed the connection</source>
        <translation>后端断开了连接</translation>
    </message>
    <message>
        <source>backend&apos;s answer was cut off</source>
        <translation>后端应答被截断</translation>
    </message>
    <message>
        <source>backend&apos;s answer is too large</source>
        <translation>后端应答过大</translation>
    </message>
    <message>
        <source>backend sent a web page (sign-in page?) instead of data</source>
        <translation>后端返回了网页（登录页？）而不是数据</translation>
    </message>
    <message>
        <source>backend sent older data than shown (a cache?)</source>
        <translation>后端返回的数据比当前显示的更旧（缓存？）</translation>
    </message>
    <message>
        <source>backend&apos;s data has stopped changing</source>
        <translation>后端数据已停止更新</translation>
    </message>
    <message>
        <source>no API token: open Settings</source>
        <translation>缺少 API 令牌：请打开“设置”</translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <source>Ticket {id}</source>
        <translation>工单 {id}</translation>
    </message>
    <message>
        <source>Open in web UI</source>
        <translation>在网页中打开</translation>
    </message>
    <message>
        <source>The backend gave no web link for this ticket</source>
        <translation>后端没有提供该工单的网页链接</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>话题</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>{time} ({age} ago)</source>
        <translation>{time}（{age}前）</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>{level} since {time}</source>
        <translation>{level}（自 {time}）</translation>
    </message>
    <message>
        <source>Escalated to</source>
        <translation>已升级至</translation>
    </message>
    <message>
        <source>Waiting on</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Web link</source>
        <translation>网页链接</translation>
    </message>
    <message>
        <source>met at {time} (due {due})</source>
        <translation>已达标：{time} 完成（截止 {due}）</translation>
    </message>
    <message>
        <source>breached: done at {time}, due {due}</source>
        <translation>已超时：{time} 完成，截止 {due}</translation>
    </message>
    <message>
        <source>{state}: late by {time} (due {due})</source>
        <translation>{state}：已超出 {time}（截止 {due}）</translation>
    </message>
    <message>
        <source>{state}: {time} left (due {due})</source>
        <translation>{state}：剩余 {time}（截止 {due}）</translation>
    </message>
    <message>
        <source>paused while waiting on the customer</source>
        <translation>等待客户回复期间暂停计时</translation>
    </message>
</context>
<context>
    <name>TicketListModel</name>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Wall clock: {time}</source>
        <translation>本机时间：{time}</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>ticket {id}</source>
        <translation>工单 {id}</translation>
    </message>
    <message>
        <source>Unknown outcome: the backend did not confirm it. Check in the backend whether it happened before trying again.</source>
        <translation>结果未知：后端没有确认。请先到后端核实是否已生效，再决定是否重试。</translation>
    </message>
</context>
<context>
    <name>WallBoardView</name>
    <message>
        <source>target {target} · {b} breached · {r} at risk</source>
        <translation>目标 {target} · 已超时 {b} · 临近 {r}</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>排队 {n}</translation>
    </message>
    <message>
        <source>{n} free</source>
        <translation>空闲 {n}</translation>
    </message>
    <message>
        <source>Nothing about to breach</source>
        <translation>暂无临近超时工单</translation>
    </message>
    <message>
        <source>About to breach</source>
        <translation>即将超时</translation>
    </message>
</context>
</TS>
