<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</context>
<context>
    <name>MainActions</name>
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
        <source>Oldest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>在线</translation>
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
        <source>Arrivals 15 min</source>
        <translation>15分钟进线</translation>
    </message>
    <message>
        <source>Resolved 15 min</source>
        <translation>15分钟解决</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <source>Queue or skill group</source>
        <translation>队列或技能组</translation>
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
        <source>Tickets that arrived in the last 15 minutes</source>
        <translation>近 15 分钟进线的工单</translation>
    </message>
    <message>
        <source>Tickets resolved in the last 15 minutes</source>
        <translation>近 15 分钟解决的工单</translation>
    </message>
    <message>
        <source>Share of first responses in the last hour that met their target</source>
        <translation>近一小时内按时完成首次响应的比例</translation>
    </message>
</context>
<context>
    <name>StatusBarView</name>
    <message>
        <source>Backend: {url}</source>
        <translation>后端：{url}</translation>
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
        <source>internal error</source>
        <translation>内部错误</translation>
    </message>
</context>
</TS>
