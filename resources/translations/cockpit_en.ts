<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CockpitSession</name>
    <message>
        <source>The settings are not valid</source>
        <translation>The settings are not valid</translation>
    </message>
    <message>
        <source>The cockpit could not start</source>
        <translation>The cockpit could not start</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>About Supervisor Cockpit</source>
        <translation>About Supervisor Cockpit</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Supervisor Cockpit {version}&lt;/h3&gt;&lt;p&gt;Live queues, SLA clocks, escalations and incident mode for customer-service floor supervisors.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Supervisor Cockpit {version}&lt;/h3&gt;&lt;p&gt;Live queues, SLA clocks, escalations and incident mode for customer-service floor supervisors.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>&amp;Refresh now</translation>
    </message>
    <message>
        <source>Poll the backend now instead of waiting</source>
        <translation>Poll the backend now instead of waiting</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Follow &amp;system</source>
        <translation>Follow &amp;system</translation>
    </message>
    <message>
        <source>&amp;Night mode</source>
        <translation>&amp;Night mode</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Supervisor Cockpit</source>
        <translation>&amp;About Supervisor Cockpit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Supervisor Cockpit</source>
        <translation>Supervisor Cockpit</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>The backend reports no queues.</source>
        <translation>The backend reports no queues.</translation>
    </message>
    <message>
        <source>Queues right now</source>
        <translation>Queues right now</translation>
    </message>
    <message>
        <source>▲ warning   ▲▲ critical   ▼ / ▼▼ service level low</source>
        <translation>▲ warning   ▲▲ critical   ▼ / ▼▼ service level low</translation>
    </message>
    <message>
        <source>Waiting for the first data from the backend…</source>
        <translation>Waiting for the first data from the backend…</translation>
    </message>
    <message>
        <source>Waiting for first response</source>
        <translation>Waiting for first response</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>Open tickets</translation>
    </message>
    <message>
        <source>Agents available / busy / away</source>
        <translation>Agents available / busy / away</translation>
    </message>
    <message>
        <source>Last 15 min: arrived / resolved</source>
        <translation>Last 15 min: arrived / resolved</translation>
    </message>
    <message>
        <source>Lowest service level</source>
        <translation>Lowest service level</translation>
    </message>
    <message>
        <source>all queues</source>
        <translation>all queues</translation>
    </message>
    <message>
        <source>nobody waiting</source>
        <translation>nobody waiting</translation>
    </message>
    <message>
        <source>no first responses yet</source>
        <translation>no first responses yet</translation>
    </message>
    <message>
        <source>backlog growing by {n}</source>
        <translation>backlog growing by {n}</translation>
    </message>
    <message>
        <source>keeping up</source>
        <translation>keeping up</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>No first responses in the last hour</source>
        <translation>No first responses in the last hour</translation>
    </message>
    <message>
        <source>Target: {target}</source>
        <translation>Target: {target}</translation>
    </message>
    <message>
        <source>Warning: at or past the warning threshold</source>
        <translation>Warning: at or past the warning threshold</translation>
    </message>
    <message>
        <source>Critical: at or past the critical threshold</source>
        <translation>Critical: at or past the critical threshold</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Oldest wait</source>
        <translation>Oldest wait</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Away</translation>
    </message>
    <message>
        <source>Arrivals 15 min</source>
        <translation>Arrivals 15 min</translation>
    </message>
    <message>
        <source>Resolved 15 min</source>
        <translation>Resolved 15 min</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Service level</translation>
    </message>
    <message>
        <source>Queue or skill group</source>
        <translation>Queue or skill group</translation>
    </message>
    <message>
        <source>Open tickets in the queue</source>
        <translation>Open tickets in the queue</translation>
    </message>
    <message>
        <source>Open tickets with no first response yet</source>
        <translation>Open tickets with no first response yet</translation>
    </message>
    <message>
        <source>How long the oldest ticket without a first response has waited</source>
        <translation>How long the oldest ticket without a first response has waited</translation>
    </message>
    <message>
        <source>Agents available to take work</source>
        <translation>Agents available to take work</translation>
    </message>
    <message>
        <source>Agents busy with a customer</source>
        <translation>Agents busy with a customer</translation>
    </message>
    <message>
        <source>Agents away (break, meeting, training)</source>
        <translation>Agents away (break, meeting, training)</translation>
    </message>
    <message>
        <source>Tickets that arrived in the last 15 minutes</source>
        <translation>Tickets that arrived in the last 15 minutes</translation>
    </message>
    <message>
        <source>Tickets resolved in the last 15 minutes</source>
        <translation>Tickets resolved in the last 15 minutes</translation>
    </message>
    <message>
        <source>Share of first responses in the last hour that met their target</source>
        <translation>Share of first responses in the last hour that met their target</translation>
    </message>
</context>
<context>
    <name>StatusBarView</name>
    <message>
        <source>Backend: {url}</source>
        <translation>Backend: {url}</translation>
    </message>
    <message>
        <source>Last successful poll: {time}</source>
        <translation>Last successful poll: {time}</translation>
    </message>
    <message>
        <source>Failed polls in a row: {n}</source>
        <translation>Failed polls in a row: {n}</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>no data yet</translation>
    </message>
    <message>
        <source>updated {n} s ago</source>
        <translation>updated {n} s ago</translation>
    </message>
    <message>
        <source>updated {n} min ago</source>
        <translation>updated {n} min ago</translation>
    </message>
    <message>
        <source>updated {n} h ago</source>
        <translation>updated {n} h ago</translation>
    </message>
    <message>
        <source>Server time —</source>
        <translation>Server time —</translation>
    </message>
    <message>
        <source>Server time {time} ({zone})</source>
        <translation>Server time {time} ({zone})</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Degraded</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Stale</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>connecting…</translation>
    </message>
    <message>
        <source>backend not configured correctly</source>
        <translation>backend not configured correctly</translation>
    </message>
    <message>
        <source>no recent successful poll</source>
        <translation>no recent successful poll</translation>
    </message>
    <message>
        <source>backend unreachable</source>
        <translation>backend unreachable</translation>
    </message>
    <message>
        <source>backend timed out</source>
        <translation>backend timed out</translation>
    </message>
    <message>
        <source>secure connection failed</source>
        <translation>secure connection failed</translation>
    </message>
    <message>
        <source>sign-in refused: check the credentials</source>
        <translation>sign-in refused: check the credentials</translation>
    </message>
    <message>
        <source>access denied</source>
        <translation>access denied</translation>
    </message>
    <message>
        <source>address not found on the backend</source>
        <translation>address not found on the backend</translation>
    </message>
    <message>
        <source>backend asked us to slow down</source>
        <translation>backend asked us to slow down</translation>
    </message>
    <message>
        <source>backend server error</source>
        <translation>backend server error</translation>
    </message>
    <message>
        <source>unreadable answer from the backend</source>
        <translation>unreadable answer from the backend</translation>
    </message>
    <message>
        <source>outcome unknown</source>
        <translation>outcome unknown</translation>
    </message>
    <message>
        <source>unexpected answer from the backend</source>
        <translation>unexpected answer from the backend</translation>
    </message>
    <message>
        <source>not supported by this backend</source>
        <translation>not supported by this backend</translation>
    </message>
    <message>
        <source>internal error</source>
        <translation>internal error</translation>
    </message>
</context>
</TS>
