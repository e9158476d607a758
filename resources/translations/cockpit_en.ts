<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlertModel</name>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>{who} at {time}</source>
        <translation>{who} at {time}</translation>
    </message>
    <message>
        <source>snoozed until {time}</source>
        <translation>snoozed until {time}</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>Raised at {time}</source>
        <translation>Raised at {time}</translation>
    </message>
    <message>
        <source>Acknowledged by {who} at {time}</source>
        <translation>Acknowledged by {who} at {time}</translation>
    </message>
    <message>
        <source>Snoozed by {who} until {time}</source>
        <translation>Snoozed by {who} until {time}</translation>
    </message>
</context>
<context>
    <name>AlertNotifier</name>
    <message>
        <source>Critical alert</source>
        <translation>Critical alert</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>{n} new alerts</source>
        <translation>{n} new alerts</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <source>Critical alert not acknowledged yet</source>
        <translation>Critical alert not acknowledged yet</translation>
    </message>
    <message>
        <source>Alert not acknowledged yet</source>
        <translation>Alert not acknowledged yet</translation>
    </message>
    <message>
        <source>{n} alerts not acknowledged yet</source>
        <translation>{n} alerts not acknowledged yet</translation>
    </message>
    <message>
        <source>Alert getting worse</source>
        <translation>Alert getting worse</translation>
    </message>
    <message>
        <source>{n} alerts getting worse</source>
        <translation>{n} alerts getting worse</translation>
    </message>
    <message>
        <source>Supervisor Cockpit</source>
        <translation>Supervisor Cockpit</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>Record that you have taken the selected alerts</source>
        <translation>Record that you have taken the selected alerts</translation>
    </message>
    <message>
        <source>Snooze 15 min</source>
        <translation>Snooze 15 min</translation>
    </message>
    <message>
        <source>Snooze 1 h</source>
        <translation>Snooze 1 h</translation>
    </message>
    <message>
        <source>No notifications for these alerts for a while</source>
        <translation>No notifications for these alerts for a while</translation>
    </message>
    <message>
        <source>Declare incident…</source>
        <translation>Declare incident…</translation>
    </message>
    <message>
        <source>Open an incident from the selected alert</source>
        <translation>Open an incident from the selected alert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Acknowledged and snoozed ({n})</source>
        <translation>Acknowledged and snoozed ({n})</translation>
    </message>
    <message>
        <source>{n} active · {open} not taken</source>
        <translation>{n} active · {open} not taken</translation>
    </message>
    <message>
        <source>{time} {who} snoozed until {until}: {alert}</source>
        <translation>{time} {who} snoozed until {until}: {alert}</translation>
    </message>
    <message>
        <source>{time} {who} acknowledged: {alert}</source>
        <translation>{time} {who} acknowledged: {alert}</translation>
    </message>
</context>
<context>
    <name>AtRiskModel</name>
    <message>
        <source>late {time}</source>
        <translation>late {time}</translation>
    </message>
    <message>
        <source>{clock} late {time}</source>
        <translation>{clock} late {time}</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>unassigned</translation>
    </message>
    <message>
        <source>Other clock: {state}</source>
        <translation>Other clock: {state}</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>missed</translation>
    </message>
    <message>
        <source>met</source>
        <translation>met</translation>
    </message>
    <message>
        <source>{clock} paused</source>
        <translation>{clock} paused</translation>
    </message>
    <message>
        <source>{clock}: {state}, due at {time}</source>
        <translation>{clock}: {state}, due at {time}</translation>
    </message>
    <message>
        <source> (paused: waiting on the customer)</source>
        <translation> (paused: waiting on the customer)</translation>
    </message>
    <message>
        <source>Due at {time}</source>
        <translation>Due at {time}</translation>
    </message>
    <message>
        <source>Created at {time} ({age} ago)</source>
        <translation>Created at {time} ({age} ago)</translation>
    </message>
    <message>
        <source>Assignee: {name}</source>
        <translation>Assignee: {name}</translation>
    </message>
    <message>
        <source>Double-click for the ticket&apos;s details</source>
        <translation>Double-click for the ticket&apos;s details</translation>
    </message>
    <message>
        <source>Due in</source>
        <translation>Due in</translation>
    </message>
    <message>
        <source>SLA clock the countdown is for: first reply or resolution (the tooltip has the ticket&apos;s other clock)</source>
        <translation>SLA clock the countdown is for: first reply or resolution (the tooltip has the ticket&apos;s other clock)</translation>
    </message>
    <message>
        <source>Age: time since the ticket was created</source>
        <translation>Age: time since the ticket was created</translation>
    </message>
    <message>
        <source>Owner: the agent the ticket is assigned to</source>
        <translation>Owner: the agent the ticket is assigned to</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Pri.</source>
        <translation>Pri.</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Time to breach: time left on the ticket&apos;s pressing SLA clock, counting down; &quot;late&quot; and red once past due</source>
        <translation>Time to breach: time left on the ticket&apos;s pressing SLA clock, counting down; &quot;late&quot; and red once past due</translation>
    </message>
    <message>
        <source>Ticket number (double-click a row for its details)</source>
        <translation>Ticket number (double-click a row for its details)</translation>
    </message>
    <message>
        <source>Queue (skill group)</source>
        <translation>Queue (skill group)</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Clock</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
</context>
<context>
    <name>AtRiskPanel</name>
    <message>
        <source>At risk</source>
        <translation>At risk</translation>
    </message>
    <message>
        <source>Tickets close to breaching their SLA</source>
        <translation>Tickets close to breaching their SLA</translation>
    </message>
    <message>
        <source>All {n}</source>
        <translation>All {n}</translation>
    </message>
    <message>
        <source>At risk {n}</source>
        <translation>At risk {n}</translation>
    </message>
    <message>
        <source>Breached {n}</source>
        <translation>Breached {n}</translation>
    </message>
    <message>
        <source>Waiting for the first data from the backend…</source>
        <translation>Waiting for the first data from the backend…</translation>
    </message>
    <message>
        <source>No ticket is close to breaching its SLA.</source>
        <translation>No ticket is close to breaching its SLA.</translation>
    </message>
</context>
<context>
    <name>BackendOptionsForm</name>
    <message>
        <source>No limit</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>Queue names, {problem}</source>
        <translation>Queue names, {problem}</translation>
    </message>
    <message>
        <source>Agent names, {problem}</source>
        <translation>Agent names, {problem}</translation>
    </message>
    <message>
        <source>This backend type has no options.</source>
        <translation>This backend type has no options.</translation>
    </message>
    <message>
        <source>Queue names:</source>
        <translation>Queue names:</translation>
    </message>
    <message>
        <source>Backend queue or group id → the name the cockpit shows</source>
        <translation>Backend queue or group id → the name the cockpit shows</translation>
    </message>
    <message>
        <source>Agent names:</source>
        <translation>Agent names:</translation>
    </message>
    <message>
        <source>Backend user id → the agent&apos;s name</source>
        <translation>Backend user id → the agent&apos;s name</translation>
    </message>
    <message>
        <source>Auto-reply trigger id:</source>
        <translation>Auto-reply trigger id:</translation>
    </message>
    <message>
        <source>none: the bot auto-reply is not offered</source>
        <translation>none: the bot auto-reply is not offered</translation>
    </message>
    <message>
        <source>Requests per minute:</source>
        <translation>Requests per minute:</translation>
    </message>
    <message>
        <source>The most API requests the cockpit sends a minute (the plan&apos;s limit)</source>
        <translation>The most API requests the cockpit sends a minute (the plan&apos;s limit)</translation>
    </message>
    <message>
        <source>Verify TLS certificates (recommended)</source>
        <translation>Verify TLS certificates (recommended)</translation>
    </message>
    <message>
        <source>Certificate verification is off: anyone between this computer and the server could read the token and the tickets. Only for a test server.</source>
        <translation>Certificate verification is off: anyone between this computer and the server could read the token and the tickets. Only for a test server.</translation>
    </message>
</context>
<context>
    <name>BroadcastDialog</name>
    <message>
        <source>Broadcast a script</source>
        <translation>Broadcast a script</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Script</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Send to</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Languages</translation>
    </message>
    <message>
        <source>Preview: exactly what each target gets</source>
        <translation>Preview: exactly what each target gets</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>not configured</translation>
    </message>
    <message>
        <source>The playbook does not allow this script here.</source>
        <translation>The playbook does not allow this script here.</translation>
    </message>
    <message>
        <source>Choose at least one target and one language.</source>
        <translation>Choose at least one target and one language.</translation>
    </message>
    <message>
        <source>Not sent to {target}: {why}</source>
        <translation>Not sent to {target}: {why}</translation>
    </message>
    <message>
        <source>{label}, e.g. “{sample}”</source>
        <translation>{label}, e.g. “{sample}”</translation>
    </message>
    <message>
        <source>Marked parts are filled in by the agent for each ticket.</source>
        <translation>Marked parts are filled in by the agent for each ticket.</translation>
    </message>
    <message>
        <source>This replaces the bot auto-reply with the script&apos;s text until the bot is restored or the incident resolved. Send?</source>
        <translation>This replaces the bot auto-reply with the script&apos;s text until the bot is restored or the incident resolved. Send?</translation>
    </message>
    <message>
        <source>Bot auto-reply</source>
        <translation>Bot auto-reply</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
</context>
<context>
    <name>BulkReplyDialog</name>
    <message>
        <source>Reply to matching tickets</source>
        <translation>Reply to matching tickets</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>Keywords (subject or tags)</source>
        <translation>Keywords (subject or tags)</translation>
    </message>
    <message>
        <source>Only these queues (empty: all)</source>
        <translation>Only these queues (empty: all)</translation>
    </message>
    <message>
        <source>Arrived after</source>
        <translation>Arrived after</translation>
    </message>
    <message>
        <source>Reply with</source>
        <translation>Reply with</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>any time</translation>
    </message>
    <message>
        <source>A ticket matches by topic or by keyword; comma-separated</source>
        <translation>A ticket matches by topic or by keyword; comma-separated</translation>
    </message>
    <message>
        <source>Newest matching tickets:</source>
        <translation>Newest matching tickets:</translation>
    </message>
    <message>
        <source>Send reply…</source>
        <translation>Send reply…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>{n} open tickets match and have not been answered yet ({m} already were)</source>
        <translation>{n} open tickets match and have not been answered yet ({m} already were)</translation>
    </message>
    <message>
        <source>Send “{script}” as a reply to {n} tickets? Customers see it at once.</source>
        <translation>Send “{script}” as a reply to {n} tickets? Customers see it at once.</translation>
    </message>
    <message>
        <source>Reply to tickets</source>
        <translation>Reply to tickets</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Send reply</translation>
    </message>
    <message>
        <source>Replied to {ok} tickets; {failed} failed; {unknown} with unknown outcome.</source>
        <translation>Replied to {ok} tickets; {failed} failed; {unknown} with unknown outcome.</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
</context>
<context>
    <name>CellTicketsDialog</name>
    <message>
        <source>Breached</source>
        <translation>Breached</translation>
    </message>
    <message>
        <source>Warned (at risk)</source>
        <translation>Warned (at risk)</translation>
    </message>
    <message>
        <source>Tickets behind the cell</source>
        <translation>Tickets behind the cell</translation>
    </message>
    <message>
        <source>{queue} · {when} · {what}: {n}</source>
        <translation>{queue} · {when} · {what}: {n}</translation>
    </message>
    <message>
        <source>No tickets here (the floor keeps finished tickets 24 h).</source>
        <translation>No tickets here (the floor keeps finished tickets 24 h).</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>every {n} h</source>
        <translation>every {n} h</translation>
    </message>
    <message>
        <source>every {n} min</source>
        <translation>every {n} min</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>Team lead</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>PR</source>
        <translation>PR</translation>
    </message>
    <message>
        <source>Legal</source>
        <translation>Legal</translation>
    </message>
    <message>
        <source>Who: {owner}</source>
        <translation>Who: {owner}</translation>
    </message>
    <message>
        <source>Done at {time} by {who}</source>
        <translation>Done at {time} by {who}</translation>
    </message>
    <message>
        <source>Due at {time}</source>
        <translation>Due at {time}</translation>
    </message>
    <message>
        <source>Done {n} time(s)</source>
        <translation>Done {n} time(s)</translation>
    </message>
    <message>
        <source>Overdue: do it now, or tell the supervisor why not</source>
        <translation>Overdue: do it now, or tell the supervisor why not</translation>
    </message>
</context>
<context>
    <name>ChecklistView</name>
    <message>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Mark step done…</source>
        <translation>Mark step done…</translation>
    </message>
</context>
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
    <message>
        <source>The cockpit could not restart</source>
        <translation>The cockpit could not restart</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>Enter the backend&apos;s address.</source>
        <translation>Enter the backend&apos;s address.</translation>
    </message>
    <message>
        <source>{kind} addresses start with {schemes}</source>
        <translation>{kind} addresses start with {schemes}</translation>
    </message>
    <message>
        <source>The built-in simulator runs inside the cockpit: nothing to connect to.</source>
        <translation>The built-in simulator runs inside the cockpit: nothing to connect to.</translation>
    </message>
    <message>
        <source>{mask} set by {env}</source>
        <translation>{mask} set by {env}</translation>
    </message>
    <message>
        <source>{mask} stored in the keyring</source>
        <translation>{mask} stored in the keyring</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>Kept in the OS keyring, never in the settings file. Without a keyring, set {env} instead.</source>
        <translation>Kept in the OS keyring, never in the settings file. Without a keyring, set {env} instead.</translation>
    </message>
    <message>
        <source>For example {url}</source>
        <translation>For example {url}</translation>
    </message>
    <message>
        <source>Backend type:</source>
        <translation>Backend type:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Agent e-mail:</source>
        <translation>Agent e-mail:</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>API token:</source>
        <translation>API token:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
</context>
<context>
    <name>DeclareDialog</name>
    <message>
        <source>Declare “{name}” now?</source>
        <translation>Declare “{name}” now?</translation>
    </message>
    <message>
        <source>Declare incident</source>
        <translation>Declare incident</translation>
    </message>
    <message>
        <source>• switch the bot auto-reply on</source>
        <translation>• switch the bot auto-reply on</translation>
    </message>
    <message>
        <source>• publish {n} script(s) to the agents</source>
        <translation>• publish {n} script(s) to the agents</translation>
    </message>
    <message>
        <source>• tell the team chats</source>
        <translation>• tell the team chats</translation>
    </message>
    <message>
        <source>The playbook does nothing by itself.</source>
        <translation>The playbook does nothing by itself.</translation>
    </message>
    <message>
        <source>The playbook will at once:</source>
        <translation>The playbook will at once:</translation>
    </message>
    <message>
        <source>Playbook</source>
        <translation>Playbook</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Suggested by the alert&apos;s topics</source>
        <translation>Suggested by the alert&apos;s topics</translation>
    </message>
    <message>
        <source>What is happening, in one line</source>
        <translation>What is happening, in one line</translation>
    </message>
    <message>
        <source>Script variables (empty: the default in grey)</source>
        <translation>Script variables (empty: the default in grey)</translation>
    </message>
    <message>
        <source>Run the playbook&apos;s automatic steps now</source>
        <translation>Run the playbook&apos;s automatic steps now</translation>
    </message>
    <message>
        <source>Declare…</source>
        <translation>Declare…</translation>
    </message>
</context>
<context>
    <name>EarlyWarningDock</name>
    <message>
        <source>Incidents are not available (no incident log).</source>
        <translation>Incidents are not available (no incident log).</translation>
    </message>
    <message>
        <source>Declare a {playbook} incident for “{what}” ({rate})? Its {n} tickets become part of the incident&apos;s match.</source>
        <translation>Declare a {playbook} incident for “{what}” ({rate})? Its {n} tickets become part of the incident&apos;s match.</translation>
    </message>
    <message>
        <source>Declare incident</source>
        <translation>Declare incident</translation>
    </message>
    <message>
        <source>Declare</source>
        <translation>Declare</translation>
    </message>
    <message>
        <source>Incident #{id} declared with the surge&apos;s tickets.</source>
        <translation>Incident #{id} declared with the surge&apos;s tickets.</translation>
    </message>
    <message>
        <source>Joined the open incident #{id}; the surge&apos;s tickets were added.</source>
        <translation>Joined the open incident #{id}; the surge&apos;s tickets were added.</translation>
    </message>
</context>
<context>
    <name>EarlyWarningPanel</name>
    <message>
        <source>Suggested incidents</source>
        <translation>Suggested incidents</translation>
    </message>
    <message>
        <source>No surge of similar tickets: nothing to suggest.</source>
        <translation>No surge of similar tickets: nothing to suggest.</translation>
    </message>
    <message>
        <source>Forecast and staffing</source>
        <translation>Forecast and staffing</translation>
    </message>
    <message>
        <source>Surge</source>
        <translation>Surge</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Playbook</source>
        <translation>Playbook</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Arrivals/min</source>
        <translation>Arrivals/min</translation>
    </message>
    <message>
        <source>Breaches 15/30/60 min</source>
        <translation>Breaches 15/30/60 min</translation>
    </message>
    <message>
        <source>SL next hour</source>
        <translation>SL next hour</translation>
    </message>
    <message>
        <source>Agents online / needed</source>
        <translation>Agents online / needed</translation>
    </message>
    <message>
        <source>SL now → forecast</source>
        <translation>SL now → forecast</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>What-if</translation>
    </message>
    <message>
        <source>Backlog recovery over: {backlog} waiting, back to the baseline of {base}.</source>
        <translation>Backlog recovery over: {backlog} waiting, back to the baseline of {base}.</translation>
    </message>
    <message>
        <source>not draining</source>
        <translation>not draining</translation>
    </message>
    <message>
        <source>clear in ~{m} min</source>
        <translation>clear in ~{m} min</translation>
    </message>
    <message>
        <source>Backlog recovery — clear the backlog first: {left} above the baseline ({backlog} waiting, baseline {base}), draining {rate:.1f}/min, {eta}. Oldest first: {oldest}</source>
        <translation>Backlog recovery — clear the backlog first: {left} above the baseline ({backlog} waiting, baseline {base}), draining {rate:.1f}/min, {eta}. Oldest first: {oldest}</translation>
    </message>
    <message>
        <source>The whole floor</source>
        <translation>The whole floor</translation>
    </message>
    <message>
        <source>Public opinion: {words}</source>
        <translation>Public opinion: {words}</translation>
    </message>
    <message>
        <source>×{ratio:.1f} in {minutes} min</source>
        <translation>×{ratio:.1f} in {minutes} min</translation>
    </message>
    <message>
        <source>{n} in 15 min</source>
        <translation>{n} in 15 min</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Declare…</source>
        <translation>Declare…</translation>
    </message>
    <message>
        <source>Move {n} from {source} → SL {level}</source>
        <translation>Move {n} from {source} → SL {level}</translation>
    </message>
    <message>
        <source>Early warning</source>
        <translation>Early warning</translation>
    </message>
</context>
<context>
    <name>EscalationModel</name>
    <message>
        <source>Flagged, still with an agent · {n}</source>
        <translation>Flagged, still with an agent · {n}</translation>
    </message>
    <message>
        <source>(longest {n} shown)</source>
        <translation>(longest {n} shown)</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>unassigned</translation>
    </message>
    <message>
        <source>Double-click for the ticket&apos;s details</source>
        <translation>Double-click for the ticket&apos;s details</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Pri.</source>
        <translation>Pri.</translation>
    </message>
    <message>
        <source>At level</source>
        <translation>At level</translation>
    </message>
    <message>
        <source>Ticket number (double-click a row for its details)</source>
        <translation>Ticket number (double-click a row for its details)</translation>
    </message>
    <message>
        <source>Queue (skill group)</source>
        <translation>Queue (skill group)</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>At level for: time since the ticket reached its escalation level (since it was created, for flagged tickets still with an agent)</source>
        <translation>At level for: time since the ticket reached its escalation level (since it was created, for flagged tickets still with an agent)</translation>
    </message>
    <message>
        <source>Owner: who holds the ticket at its level</source>
        <translation>Owner: who holds the ticket at its level</translation>
    </message>
    <message>
        <source>Flags: what is overdue on the ticket (the tooltip has them in full)</source>
        <translation>Flags: what is overdue on the ticket (the tooltip has them in full)</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
</context>
<context>
    <name>EscalationsPanel</name>
    <message>
        <source>Escalations</source>
        <translation>Escalations</translation>
    </message>
    <message>
        <source>Escalations by level</source>
        <translation>Escalations by level</translation>
    </message>
</context>
<context>
    <name>FloorBoard</name>
    <message>
        <source>Promotion targets on: pre-sales answers within 1 min</source>
        <translation>Promotion targets on: pre-sales answers within 1 min</translation>
    </message>
    <message>
        <source>Promotion targets off: the usual desk targets apply</source>
        <translation>Promotion targets off: the usual desk targets apply</translation>
    </message>
    <message>
        <source>No floor yet: the promotion targets can be switched once data arrives.</source>
        <translation>No floor yet: the promotion targets can be switched once data arrives.</translation>
    </message>
    <message>
        <source>That ticket is no longer on the floor.</source>
        <translation>That ticket is no longer on the floor.</translation>
    </message>
</context>
<context>
    <name>FloorText</name>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Enquiry</source>
        <translation>Enquiry</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Tech support</source>
        <translation>Tech support</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>At risk</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Breached</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>Team lead</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>PR / legal</source>
        <translation>PR / legal</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Waiting on the customer</source>
        <translation>Waiting on the customer</translation>
    </message>
    <message>
        <source>Waiting on another department</source>
        <translation>Waiting on another department</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>Social media</translation>
    </message>
    <message>
        <source>Web form</source>
        <translation>Web form</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Collaboration: no answer from the other department</source>
        <translation>Collaboration: no answer from the other department</translation>
    </message>
    <message>
        <source>Escalated complaint: customer not updated</source>
        <translation>Escalated complaint: customer not updated</translation>
    </message>
    <message>
        <source>Urgent: not reported to the supervisor</source>
        <translation>Urgent: not reported to the supervisor</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>No answer</translation>
    </message>
    <message>
        <source>Not updated</source>
        <translation>Not updated</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <source>Urgent not reported</source>
        <translation>Urgent not reported</translation>
    </message>
    <message>
        <source>1st reply</source>
        <translation>1st reply</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>{queue} — 1 urgent ticket breached</source>
        <translation>{queue} — 1 urgent ticket breached</translation>
    </message>
    <message>
        <source>{queue} — {n} urgent tickets breached</source>
        <translation>{queue} — {n} urgent tickets breached</translation>
    </message>
    <message>
        <source>{queue} — 1 waiting past target ({waiting} waiting)</source>
        <translation>{queue} — 1 waiting past target ({waiting} waiting)</translation>
    </message>
    <message>
        <source>{queue} — {n} waiting past target ({waiting} waiting)</source>
        <translation>{queue} — {n} waiting past target ({waiting} waiting)</translation>
    </message>
    <message>
        <source>{queue} — 1 ticket past its resolution target</source>
        <translation>{queue} — 1 ticket past its resolution target</translation>
    </message>
    <message>
        <source>{queue} — {n} tickets past their resolution target</source>
        <translation>{queue} — {n} tickets past their resolution target</translation>
    </message>
    <message>
        <source>{queue} — 1 collaboration ticket without an answer for over {limit}</source>
        <translation>{queue} — 1 collaboration ticket without an answer for over {limit}</translation>
    </message>
    <message>
        <source>{queue} — {n} collaboration tickets without an answer for over {limit}</source>
        <translation>{queue} — {n} collaboration tickets without an answer for over {limit}</translation>
    </message>
    <message>
        <source>{queue} — 1 complaint without a customer update for over {limit}</source>
        <translation>{queue} — 1 complaint without a customer update for over {limit}</translation>
    </message>
    <message>
        <source>{queue} — {n} complaints without a customer update for over {limit}</source>
        <translation>{queue} — {n} complaints without a customer update for over {limit}</translation>
    </message>
    <message>
        <source>{queue} — 1 urgent ticket not reported to the supervisor</source>
        <translation>{queue} — 1 urgent ticket not reported to the supervisor</translation>
    </message>
    <message>
        <source>{queue} — {n} urgent tickets not reported to the supervisor</source>
        <translation>{queue} — {n} urgent tickets not reported to the supervisor</translation>
    </message>
    <message>
        <source>{queue} — service level {level} (target {target})</source>
        <translation>{queue} — service level {level} (target {target})</translation>
    </message>
    <message>
        <source>{queue} — oldest wait {wait} (target {target_wait})</source>
        <translation>{queue} — oldest wait {wait} (target {target_wait})</translation>
    </message>
    <message>
        <source>Incident #{incident} — checklist step “{step}” overdue by {span}</source>
        <translation>Incident #{incident} — checklist step “{step}” overdue by {span}</translation>
    </message>
    <message>
        <source>d</source>
        <translation>d</translation>
    </message>
    <message>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation>{h} h</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d} d {h} h</translation>
    </message>
    <message>
        <source>All queues on track</source>
        <translation>All queues on track</translation>
    </message>
    <message>
        <source>Needs help now: {queue} — {facts}</source>
        <translation>Needs help now: {queue} — {facts}</translation>
    </message>
    <message>
        <source>SL {level} vs {target}</source>
        <translation>SL {level} vs {target}</translation>
    </message>
    <message>
        <source>{n} breached</source>
        <translation>{n} breached</translation>
    </message>
    <message>
        <source>{n} at risk, next in {time}</source>
        <translation>{n} at risk, next in {time}</translation>
    </message>
    <message>
        <source>{n} at risk</source>
        <translation>{n} at risk</translation>
    </message>
    <message>
        <source>{n} waiting past target</source>
        <translation>{n} waiting past target</translation>
    </message>
    <message>
        <source>nobody free</source>
        <translation>nobody free</translation>
    </message>
    <message>
        <source>occupancy {share}</source>
        <translation>occupancy {share}</translation>
    </message>
    <message>
        <source>{n} more agents needed</source>
        <translation>{n} more agents needed</translation>
    </message>
</context>
<context>
    <name>IncidentBanner</name>
    <message>
        <source>⚠ INCIDENT #{id}</source>
        <translation>⚠ INCIDENT #{id}</translation>
    </message>
    <message>
        <source>+{n} more open</source>
        <translation>+{n} more open</translation>
    </message>
    <message>
        <source>Click to show the incident panel</source>
        <translation>Click to show the incident panel</translation>
    </message>
    <message>
        <source>Bot auto-reply: ON</source>
        <translation>Bot auto-reply: ON</translation>
    </message>
    <message>
        <source>Bot auto-reply: off</source>
        <translation>Bot auto-reply: off</translation>
    </message>
    <message>
        <source>Bot auto-reply: unknown</source>
        <translation>Bot auto-reply: unknown</translation>
    </message>
    <message>
        <source>Bot auto-reply: not available</source>
        <translation>Bot auto-reply: not available</translation>
    </message>
    <message>
        <source>Running {span}</source>
        <translation>Running {span}</translation>
    </message>
    <message>
        <source>{n} step(s) overdue</source>
        <translation>{n} step(s) overdue</translation>
    </message>
    <message>
        <source>Checklist on time</source>
        <translation>Checklist on time</translation>
    </message>
</context>
<context>
    <name>IncidentMode</name>
    <message>
        <source>Declare incident</source>
        <translation>Declare incident</translation>
    </message>
    <message>
        <source>Incident mode is still starting. Try again in a moment.</source>
        <translation>Incident mode is still starting. Try again in a moment.</translation>
    </message>
    <message>
        <source>An incident of this kind is already open: the declaration joined #{id}.</source>
        <translation>An incident of this kind is already open: the declaration joined #{id}.</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <source>Show system reminders ({n})</source>
        <translation>Show system reminders ({n})</translation>
    </message>
    <message>
        <source>Switch the bot auto-reply on now? Customers writing about {topics} will get the playbook&apos;s notice until the bot is restored or the incident resolved.</source>
        <translation>Switch the bot auto-reply on now? Customers writing about {topics} will get the playbook&apos;s notice until the bot is restored or the incident resolved.</translation>
    </message>
    <message>
        <source>any topic</source>
        <translation>any topic</translation>
    </message>
    <message>
        <source>Bot auto-reply</source>
        <translation>Bot auto-reply</translation>
    </message>
    <message>
        <source>Switch bot on</source>
        <translation>Switch bot on</translation>
    </message>
    <message>
        <source>Put the bot auto-reply back exactly as it was before the incident? Customers stop getting the incident notice.</source>
        <translation>Put the bot auto-reply back exactly as it was before the incident? Customers stop getting the incident notice.</translation>
    </message>
    <message>
        <source>Restore bot</source>
        <translation>Restore bot</translation>
    </message>
    <message>
        <source>Write the status update below, then post it.</source>
        <translation>Write the status update below, then post it.</translation>
    </message>
    <message>
        <source>Mark “{step}” as done? This cannot be undone.</source>
        <translation>Mark “{step}” as done? This cannot be undone.</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>Answer {n} new matching tickets</source>
        <translation>Answer {n} new matching tickets</translation>
    </message>
    <message>
        <source>No new matching tickets since the last reply</source>
        <translation>No new matching tickets since the last reply</translation>
    </message>
    <message>
        <source>Incident log (newest first)</source>
        <translation>Incident log (newest first)</translation>
    </message>
    <message>
        <source>Hide the incident panel; click the banner to bring it back</source>
        <translation>Hide the incident panel; click the banner to bring it back</translation>
    </message>
    <message>
        <source>Broadcast…</source>
        <translation>Broadcast…</translation>
    </message>
    <message>
        <source>Reply to matching tickets…</source>
        <translation>Reply to matching tickets…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Resolve…</translation>
    </message>
    <message>
        <source>Restore bot…</source>
        <translation>Restore bot…</translation>
    </message>
    <message>
        <source>Switch bot on…</source>
        <translation>Switch bot on…</translation>
    </message>
    <message>
        <source>No open incident</source>
        <translation>No open incident</translation>
    </message>
    <message>
        <source>Incident #{id} · declared {time} by {who}</source>
        <translation>Incident #{id} · declared {time} by {who}</translation>
    </message>
</context>
<context>
    <name>IncidentText</name>
    <message>
        <source>this backend cannot do it</source>
        <translation>this backend cannot do it</translation>
    </message>
    <message>
        <source>no ticket backend is connected</source>
        <translation>no ticket backend is connected</translation>
    </message>
    <message>
        <source>this backend has no way to switch the bot auto-reply</source>
        <translation>this backend has no way to switch the bot auto-reply</translation>
    </message>
    <message>
        <source>no auto-reply trigger is set up for this backend (see the settings)</source>
        <translation>no auto-reply trigger is set up for this backend (see the settings)</translation>
    </message>
    <message>
        <source>this backend cannot publish reply scripts to the agents</source>
        <translation>this backend cannot publish reply scripts to the agents</translation>
    </message>
    <message>
        <source>this backend needs a channel for each reply, so replies cannot be sent</source>
        <translation>this backend needs a channel for each reply, so replies cannot be sent</translation>
    </message>
    <message>
        <source>some script variables have no value</source>
        <translation>some script variables have no value</translation>
    </message>
    <message>
        <source>the playbook does not allow this script there</source>
        <translation>the playbook does not allow this script there</translation>
    </message>
    <message>
        <source>the team chat is not configured (no webhook address)</source>
        <translation>the team chat is not configured (no webhook address)</translation>
    </message>
    <message>
        <source>the playbook has no such team chat</source>
        <translation>the playbook has no such team chat</translation>
    </message>
    <message>
        <source>the cockpit stopped while this was running; check the backend</source>
        <translation>the cockpit stopped while this was running; check the backend</translation>
    </message>
    <message>
        <source>an internal error</source>
        <translation>an internal error</translation>
    </message>
    <message>
        <source>the incident is already resolved</source>
        <translation>the incident is already resolved</translation>
    </message>
    <message>
        <source>the backend could not be reached</source>
        <translation>the backend could not be reached</translation>
    </message>
    <message>
        <source>the backend did not answer in time</source>
        <translation>the backend did not answer in time</translation>
    </message>
    <message>
        <source>the secure connection failed</source>
        <translation>the secure connection failed</translation>
    </message>
    <message>
        <source>sign-in was refused: check the credentials</source>
        <translation>sign-in was refused: check the credentials</translation>
    </message>
    <message>
        <source>the account is not allowed to do this</source>
        <translation>the account is not allowed to do this</translation>
    </message>
    <message>
        <source>the backend does not know this item</source>
        <translation>the backend does not know this item</translation>
    </message>
    <message>
        <source>the backend asked us to slow down</source>
        <translation>the backend asked us to slow down</translation>
    </message>
    <message>
        <source>the backend had a server error</source>
        <translation>the backend had a server error</translation>
    </message>
    <message>
        <source>the backend&apos;s answer could not be read</source>
        <translation>the backend&apos;s answer could not be read</translation>
    </message>
    <message>
        <source>no answer after sending: it may or may not have happened</source>
        <translation>no answer after sending: it may or may not have happened</translation>
    </message>
    <message>
        <source>the backend gave an unexpected answer</source>
        <translation>the backend gave an unexpected answer</translation>
    </message>
    <message>
        <source>an error in the backend connection</source>
        <translation>an error in the backend connection</translation>
    </message>
    <message>
        <source>the backend refused it</source>
        <translation>the backend refused it</translation>
    </message>
    <message>
        <source>Incident declared</source>
        <translation>Incident declared</translation>
    </message>
    <message>
        <source>Declared again (joined)</source>
        <translation>Declared again (joined)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Status update</source>
        <translation>Status update</translation>
    </message>
    <message>
        <source>Variables set</source>
        <translation>Variables set</translation>
    </message>
    <message>
        <source>Checklist step done</source>
        <translation>Checklist step done</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>Bot auto-reply on</source>
        <translation>Bot auto-reply on</translation>
    </message>
    <message>
        <source>Bot auto-reply restored</source>
        <translation>Bot auto-reply restored</translation>
    </message>
    <message>
        <source>Script published to agents</source>
        <translation>Script published to agents</translation>
    </message>
    <message>
        <source>Script withdrawn</source>
        <translation>Script withdrawn</translation>
    </message>
    <message>
        <source>Team chat message</source>
        <translation>Team chat message</translation>
    </message>
    <message>
        <source>Reply to ticket</source>
        <translation>Reply to ticket</translation>
    </message>
    <message>
        <source>Incident resolved</source>
        <translation>Incident resolved</translation>
    </message>
    <message>
        <source>in progress…</source>
        <translation>in progress…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>unknown outcome</source>
        <translation>unknown outcome</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>not done</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>Minor</translation>
    </message>
    <message>
        <source>Switching the bot is not available: {reason}.</source>
        <translation>Switching the bot is not available: {reason}.</translation>
    </message>
    <message>
        <source>Publishing scripts to agents is not available: {reason}.</source>
        <translation>Publishing scripts to agents is not available: {reason}.</translation>
    </message>
    <message>
        <source>Replying to tickets is not available: {reason}.</source>
        <translation>Replying to tickets is not available: {reason}.</translation>
    </message>
    <message>
        <source>WeCom</source>
        <translation>WeCom</translation>
    </message>
    <message>
        <source>DingTalk</source>
        <translation>DingTalk</translation>
    </message>
    <message>
        <source>Feishu</source>
        <translation>Feishu</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>ticket number</source>
        <translation>ticket number</translation>
    </message>
    <message>
        <source>Payment keeps spinning</source>
        <translation>Payment keeps spinning</translation>
    </message>
    <message>
        <source>ticket subject</source>
        <translation>ticket subject</translation>
    </message>
    <message>
        <source>Agents (reply scripts)</source>
        <translation>Agents (reply scripts)</translation>
    </message>
    <message>
        <source>Bot auto-reply</source>
        <translation>Bot auto-reply</translation>
    </message>
    <message>
        <source>Team chat: {name}</source>
        <translation>Team chat: {name}</translation>
    </message>
    <message>
        <source>✓ done {time} · {who}</source>
        <translation>✓ done {time} · {who}</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>no deadline</translation>
    </message>
    <message>
        <source>overdue by {span}</source>
        <translation>overdue by {span}</translation>
    </message>
    <message>
        <source>next due in {span}</source>
        <translation>next due in {span}</translation>
    </message>
    <message>
        <source>due in {span}</source>
        <translation>due in {span}</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>not sent</translation>
    </message>
    <message>
        <source>retrying at {time}</source>
        <translation>retrying at {time}</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>Done: {n} action(s) succeeded.</source>
        <translation>Done: {n} action(s) succeeded.</translation>
    </message>
    <message>
        <source>{ok} done, {bad} not done:</source>
        <translation>{ok} done, {bad} not done:</translation>
    </message>
    <message>
        <source>… and {n} more (see the timeline)</source>
        <translation>… and {n} more (see the timeline)</translation>
    </message>
    <message>
        <source>Skipped (not configured):</source>
        <translation>Skipped (not configured):</translation>
    </message>
    <message>
        <source>logistics</source>
        <translation>logistics</translation>
    </message>
    <message>
        <source>refunds</source>
        <translation>refunds</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>payment</translation>
    </message>
    <message>
        <source>login</source>
        <translation>login</translation>
    </message>
    <message>
        <source>membership</source>
        <translation>membership</translation>
    </message>
    <message>
        <source>coupons</source>
        <translation>coupons</translation>
    </message>
    <message>
        <source>product questions</source>
        <translation>product questions</translation>
    </message>
    <message>
        <source>app crashes</source>
        <translation>app crashes</translation>
    </message>
    <message>
        <source>other</source>
        <translation>other</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>&amp;Wall board</source>
        <translation>&amp;Wall board</translation>
    </message>
    <message>
        <source>Full screen for a TV: queues, countdowns and the incident banner (F11, Esc)</source>
        <translation>Full screen for a TV: queues, countdowns and the incident banner (F11, Esc)</translation>
    </message>
    <message>
        <source>Wall board &amp;layout</source>
        <translation>Wall board &amp;layout</translation>
    </message>
    <message>
        <source>&amp;Fixed: queues and countdowns together</source>
        <translation>&amp;Fixed: queues and countdowns together</translation>
    </message>
    <message>
        <source>&amp;Rotating: one page at a time</source>
        <translation>&amp;Rotating: one page at a time</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>&amp;Normal size</translation>
    </message>
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
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>Backend, credentials, poll interval, language</source>
        <translation>Backend, credentials, poll interval, language</translation>
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
        <source>&amp;Sound for alerts</source>
        <translation>&amp;Sound for alerts</translation>
    </message>
    <message>
        <source>Beep when a new alert comes in</source>
        <translation>Beep when a new alert comes in</translation>
    </message>
    <message>
        <source>&amp;Incident</source>
        <translation>&amp;Incident</translation>
    </message>
    <message>
        <source>&amp;Declare incident…</source>
        <translation>&amp;Declare incident…</translation>
    </message>
    <message>
        <source>Open an incident from a playbook</source>
        <translation>Open an incident from a playbook</translation>
    </message>
    <message>
        <source>&amp;Reviews…</source>
        <translation>&amp;Reviews…</translation>
    </message>
    <message>
        <source>Post-incident reviews: impact, timeline, exports</source>
        <translation>Post-incident reviews: impact, timeline, exports</translation>
    </message>
    <message>
        <source>&amp;Promotion targets</source>
        <translation>&amp;Promotion targets</translation>
    </message>
    <message>
        <source>Count the SLA with the promotion targets (pre-sales: first answer in 1 min)</source>
        <translation>Count the SLA with the promotion targets (pre-sales: first answer in 1 min)</translation>
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
    <name>NameMapEditor</name>
    <message>
        <source>row {row}: id {id} has no name</source>
        <translation>row {row}: id {id} has no name</translation>
    </message>
    <message>
        <source>row {row}: {name} has no id</source>
        <translation>row {row}: {name} has no id</translation>
    </message>
    <message>
        <source>row {row}: id {id} is listed twice</source>
        <translation>row {row}: id {id} is listed twice</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Add row</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Remove row</translation>
    </message>
</context>
<context>
    <name>NotesBar</name>
    <message>
        <source>No team chat is configured for this playbook</source>
        <translation>No team chat is configured for this playbook</translation>
    </message>
    <message>
        <source>Write a note or a status update…</source>
        <translation>Write a note or a status update…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>Post status update</source>
        <translation>Post status update</translation>
    </message>
    <message>
        <source>Also post status updates to the team chats</source>
        <translation>Also post status updates to the team chats</translation>
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
        <source>Worst queue first:
1. queues that need help (tickets past due, or the service level
    under its target);
2. among them, the most customers in trouble: tickets past due
    plus the customers short of the target (how many more first
    responses of the last 60 min had to be in target to meet it);
3. then tickets about to breach, the service-level gap and the
    soonest deadline.</source>
        <translation>Worst queue first:
1. queues that need help (tickets past due, or the service level
    under its target);
2. among them, the most customers in trouble: tickets past due
    plus the customers short of the target (how many more first
    responses of the last 60 min had to be in target to meet it);
3. then tickets about to breach, the service-level gap and the
    soonest deadline.</translation>
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
        <source>nobody free: {queues}</source>
        <translation>nobody free: {queues}</translation>
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
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Away</translation>
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
        <source>Counted: {met} in target, {late} late, {waiting} waiting past target, {gone} closed unanswered past target</source>
        <translation>Counted: {met} in target, {late} late, {waiting} waiting past target, {gone} closed unanswered past target</translation>
    </message>
    <message>
        <source>Needs help now</source>
        <translation>Needs help now</translation>
    </message>
    <message>
        <source>Watch: tickets close to their deadline</source>
        <translation>Watch: tickets close to their deadline</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>On track</translation>
    </message>
    <message>
        <source>Rank {rank}: {level}</source>
        <translation>Rank {rank}: {level}</translation>
    </message>
    <message>
        <source>Nobody available while tickets wait</source>
        <translation>Nobody available while tickets wait</translation>
    </message>
    <message>
        <source>Agents needed to hold the target: {n}</source>
        <translation>Agents needed to hold the target: {n}</translation>
    </message>
    <message>
        <source>SL</source>
        <translation>SL</translation>
    </message>
    <message>
        <source>Late 1st</source>
        <translation>Late 1st</translation>
    </message>
    <message>
        <source>Late res.</source>
        <translation>Late res.</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>At risk</translation>
    </message>
    <message>
        <source>Past tgt</source>
        <translation>Past tgt</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>Oldest</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Occ.</source>
        <translation>Occ.</translation>
    </message>
    <message>
        <source>In 15m</source>
        <translation>In 15m</translation>
    </message>
    <message>
        <source>Out 15m</source>
        <translation>Out 15m</translation>
    </message>
    <message>
        <source>Queue or skill group, the one that needs help most on top</source>
        <translation>Queue or skill group, the one that needs help most on top</translation>
    </message>
    <message>
        <source>Service level, last 60 min: first responses within target ÷ (answered + still waiting past target + closed unanswered past target)</source>
        <translation>Service level, last 60 min: first responses within target ÷ (answered + still waiting past target + closed unanswered past target)</translation>
    </message>
    <message>
        <source>Open tickets past their first-response due time</source>
        <translation>Open tickets past their first-response due time</translation>
    </message>
    <message>
        <source>Open tickets past their resolution due time</source>
        <translation>Open tickets past their resolution due time</translation>
    </message>
    <message>
        <source>Open tickets inside their warning window, about to breach</source>
        <translation>Open tickets inside their warning window, about to breach</translation>
    </message>
    <message>
        <source>Tickets still waiting for a first response past its target</source>
        <translation>Tickets still waiting for a first response past its target</translation>
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
        <source>Occupancy: busy ÷ (busy + available) of the agents on the queue</source>
        <translation>Occupancy: busy ÷ (busy + available) of the agents on the queue</translation>
    </message>
    <message>
        <source>Tickets that arrived in the last 15 minutes</source>
        <translation>Tickets that arrived in the last 15 minutes</translation>
    </message>
    <message>
        <source>Tickets resolved in the last 15 minutes</source>
        <translation>Tickets resolved in the last 15 minutes</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve incident #{id}</source>
        <translation>Resolve incident #{id}</translation>
    </message>
    <message>
        <source>What was the cause and how was it fixed? (shown in the review)</source>
        <translation>What was the cause and how was it fixed? (shown in the review)</translation>
    </message>
    <message>
        <source>Resolve incident</source>
        <translation>Resolve incident</translation>
    </message>
    <message>
        <source>Resolution summary</source>
        <translation>Resolution summary</translation>
    </message>
    <message>
        <source>Resolve “{title}”? Resolving will:</source>
        <translation>Resolve “{title}”? Resolving will:</translation>
    </message>
    <message>
        <source>• put the bot auto-reply back exactly as it was before</source>
        <translation>• put the bot auto-reply back exactly as it was before</translation>
    </message>
    <message>
        <source>• withdraw the {n} script(s) published to the agents</source>
        <translation>• withdraw the {n} script(s) published to the agents</translation>
    </message>
    <message>
        <source>• tell the team chats that the incident is over</source>
        <translation>• tell the team chats that the incident is over</translation>
    </message>
    <message>
        <source>• return polling to its normal pace</source>
        <translation>• return polling to its normal pace</translation>
    </message>
    <message>
        <source>The incident log stays open for notes and the review.</source>
        <translation>The incident log stays open for notes and the review.</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Post-incident reviews</source>
        <translation>Post-incident reviews</translation>
    </message>
    <message>
        <source>Baseline: the same length before</source>
        <translation>Baseline: the same length before</translation>
    </message>
    <message>
        <source>Baseline: the same hours the day before</source>
        <translation>Baseline: the same hours the day before</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>Impact and checklist</source>
        <translation>Impact and checklist</translation>
    </message>
    <message>
        <source>Written parts and action items</source>
        <translation>Written parts and action items</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>Export HTML…</source>
        <translation>Export HTML…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Export JSON…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Review owner</source>
        <translation>Review owner</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Contributing causes</source>
        <translation>Contributing causes</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Save the written parts</source>
        <translation>Save the written parts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Due (YYYY-MM-DD)</source>
        <translation>Due (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Add action item</source>
        <translation>Add action item</translation>
    </message>
    <message>
        <source>Save action items</source>
        <translation>Save action items</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>Action items</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reviews</translation>
    </message>
    <message>
        <source>New action</source>
        <translation>New action</translation>
    </message>
    <message>
        <source>Row {row}: the due date must look like 2026-12-31</source>
        <translation>Row {row}: the due date must look like 2026-12-31</translation>
    </message>
    <message>
        <source>Export the review as PDF</source>
        <translation>Export the review as PDF</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Saved {path}</translation>
    </message>
    <message>
        <source>Export the review as HTML</source>
        <translation>Export the review as HTML</translation>
    </message>
    <message>
        <source>Export the review as JSON</source>
        <translation>Export the review as JSON</translation>
    </message>
    <message>
        <source>Export samples and events as CSV</source>
        <translation>Export samples and events as CSV</translation>
    </message>
</context>
<context>
    <name>RunOp</name>
    <message>
        <source>The action did not go through</source>
        <translation>The action did not go through</translation>
    </message>
    <message>
        <source>Incident mode is still starting. Try again in a moment.</source>
        <translation>Incident mode is still starting. Try again in a moment.</translation>
    </message>
    <message>
        <source>Incident mode needs the ticket backend, which could not be set up.</source>
        <translation>Incident mode needs the ticket backend, which could not be set up.</translation>
    </message>
    <message>
        <source>The incident log (database) could not be opened, so nothing was saved.</source>
        <translation>The incident log (database) could not be opened, so nothing was saved.</translation>
    </message>
    <message>
        <source>The ticket backend said no: {reason}.</source>
        <translation>The ticket backend said no: {reason}.</translation>
    </message>
    <message>
        <source>This incident has already been resolved.</source>
        <translation>This incident has already been resolved.</translation>
    </message>
    <message>
        <source>Fill in these script variables first: {names}.</source>
        <translation>Fill in these script variables first: {names}.</translation>
    </message>
    <message>
        <source>The playbook or incident changed meanwhile; reopen the dialog and try again.</source>
        <translation>The playbook or incident changed meanwhile; reopen the dialog and try again.</translation>
    </message>
    <message>
        <source>The incident log (database) could not be written. Nothing was sent.</source>
        <translation>The incident log (database) could not be written. Nothing was sent.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The details are below.</source>
        <translation>Something unexpected went wrong. The details are below.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Testing the connection…</source>
        <translation>Testing the connection…</translation>
    </message>
    <message>
        <source>Details: {detail}</source>
        <translation>Details: {detail}</translation>
    </message>
    <message>
        <source>Zendesk needs the agent&apos;s e-mail address for its API token.</source>
        <translation>Zendesk needs the agent&apos;s e-mail address for its API token.</translation>
    </message>
    <message>
        <source>Unknown time zone: {zone}</source>
        <translation>Unknown time zone: {zone}</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>Not saved:</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>The cockpit uses the new settings after a restart.</source>
        <translation>The cockpit uses the new settings after a restart.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Backend options</source>
        <translation>Backend options</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Poll interval:</source>
        <translation>Poll interval:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Follow system</source>
        <translation>Follow system</translation>
    </message>
    <message>
        <source>Display time zone:</source>
        <translation>Display time zone:</translation>
    </message>
    <message>
        <source>this computer&apos;s time zone</source>
        <translation>this computer&apos;s time zone</translation>
    </message>
    <message>
        <source>Set in the environment, and stronger than what is saved here: {names}</source>
        <translation>Set in the environment, and stronger than what is saved here: {names}</translation>
    </message>
    <message>
        <source>The settings file could not be read; saving replaces it. {error}</source>
        <translation>The settings file could not be read; saving replaces it. {error}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Restart now</translation>
    </message>
</context>
<context>
    <name>SettingsText</name>
    <message>
        <source>Built-in simulator</source>
        <translation>Built-in simulator</translation>
    </message>
    <message>
        <source>Open feed API</source>
        <translation>Open feed API</translation>
    </message>
    <message>
        <source>The address is not a valid backend URL.</source>
        <translation>The address is not a valid backend URL.</translation>
    </message>
    <message>
        <source>The address does not start with a backend type this cockpit knows.</source>
        <translation>The address does not start with a backend type this cockpit knows.</translation>
    </message>
    <message>
        <source>Take the user name and password out of the address: the token goes in its own field.</source>
        <translation>Take the user name and password out of the address: the token goes in its own field.</translation>
    </message>
    <message>
        <source>There is no token: type one in, or set the environment variable {env}.</source>
        <translation>There is no token: type one in, or set the environment variable {env}.</translation>
    </message>
    <message>
        <source>Zendesk needs the agent&apos;s e-mail address for its API token.</source>
        <translation>Zendesk needs the agent&apos;s e-mail address for its API token.</translation>
    </message>
    <message>
        <source>These settings cannot be used to connect; the details say why.</source>
        <translation>These settings cannot be used to connect; the details say why.</translation>
    </message>
    <message>
        <source>The host name was not found (DNS). Check how the address is spelled, and that this computer can reach that network.</source>
        <translation>The host name was not found (DNS). Check how the address is spelled, and that this computer can reach that network.</translation>
    </message>
    <message>
        <source>The connection was refused: nothing answers at this address and port. Check the port, and that the server is running.</source>
        <translation>The connection was refused: nothing answers at this address and port. Check the port, and that the server is running.</translation>
    </message>
    <message>
        <source>The secure connection (TLS) failed: the server&apos;s certificate could not be verified. For a test server with its own certificate you may turn certificate verification off in the backend options; never for a real one.</source>
        <translation>The secure connection (TLS) failed: the server&apos;s certificate could not be verified. For a test server with its own certificate you may turn certificate verification off in the backend options; never for a real one.</translation>
    </message>
    <message>
        <source>The server could not be reached.</source>
        <translation>The server could not be reached.</translation>
    </message>
    <message>
        <source>Sign-in refused: the token (or e-mail address) is wrong or has expired.</source>
        <translation>Sign-in refused: the token (or e-mail address) is wrong or has expired.</translation>
    </message>
    <message>
        <source>Signed in, but this account may not read tickets. Give it the rights named in the details.</source>
        <translation>Signed in, but this account may not read tickets. Give it the rights named in the details.</translation>
    </message>
    <message>
        <source>The server answered, but has no ticket API at this address. Check the path (for django-helpdesk: where it is mounted, e.g. /helpdesk/).</source>
        <translation>The server answered, but has no ticket API at this address. Check the path (for django-helpdesk: where it is mounted, e.g. /helpdesk/).</translation>
    </message>
    <message>
        <source>The server answered, but not in the form this backend type sends: {field}. Is the address that of the right kind of backend?</source>
        <translation>The server answered, but not in the form this backend type sends: {field}. Is the address that of the right kind of backend?</translation>
    </message>
    <message>
        <source>The backend had a server error. Try again later, or ask its administrator.</source>
        <translation>The backend had a server error. Try again later, or ask its administrator.</translation>
    </message>
    <message>
        <source>The backend gave an answer this cockpit did not expect.</source>
        <translation>The backend gave an answer this cockpit did not expect.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The details are below.</source>
        <translation>Something unexpected went wrong. The details are below.</translation>
    </message>
    <message>
        <source>No connection within the time limit: the host may be down, or a firewall drops the connection.</source>
        <translation>No connection within the time limit: the host may be down, or a firewall drops the connection.</translation>
    </message>
    <message>
        <source>The server took the connection but did not answer in time.</source>
        <translation>The server took the connection but did not answer in time.</translation>
    </message>
    <message>
        <source>The backend asked us to slow down (rate limit). Try again in {n} s.</source>
        <translation>The backend asked us to slow down (rate limit). Try again in {n} s.</translation>
    </message>
    <message>
        <source>The backend asked us to slow down (rate limit). Try again in a minute.</source>
        <translation>The backend asked us to slow down (rate limit). Try again in a minute.</translation>
    </message>
    <message>
        <source>Connected: the backend answered.</source>
        <translation>Connected: the backend answered.</translation>
    </message>
    <message>
        <source>Queues: {n}.</source>
        <translation>Queues: {n}.</translation>
    </message>
    <message>
        <source>Open tickets: {n}.</source>
        <translation>Open tickets: {n}.</translation>
    </message>
    <message>
        <source>Server time: {time}.</source>
        <translation>Server time: {time}.</translation>
    </message>
    <message>
        <source>No keyring (password store) is available on this computer.</source>
        <translation>No keyring (password store) is available on this computer.</translation>
    </message>
    <message>
        <source>The keyring refused to store the token ({error}).</source>
        <translation>The keyring refused to store the token ({error}).</translation>
    </message>
    <message>
        <source>The token was not stored. Set the environment variable {env} to the token before starting the cockpit instead.</source>
        <translation>The token was not stored. Set the environment variable {env} to the token before starting the cockpit instead.</translation>
    </message>
</context>
<context>
    <name>SlaHeatmapPanel</name>
    <message>
        <source>No heatmap yet: the backend reports no queues.</source>
        <translation>No heatmap yet: the backend reports no queues.</translation>
    </message>
    <message>
        <source>Breaches: {b} of {due} due ({rate})</source>
        <translation>Breaches: {b} of {due} due ({rate})</translation>
    </message>
    <message>
        <source>Breaches: {b} (nothing fell due)</source>
        <translation>Breaches: {b} (nothing fell due)</translation>
    </message>
    <message>
        <source>Warnings raised (at risk): {n}</source>
        <translation>Warnings raised (at risk): {n}</translation>
    </message>
    <message>
        <source>Click to list the tickets</source>
        <translation>Click to list the tickets</translation>
    </message>
    <message>
        <source>SLA heatmap</source>
        <translation>SLA heatmap</translation>
    </message>
    <message>
        <source>SLA breaches by queue, last 24 h</source>
        <translation>SLA breaches by queue, last 24 h</translation>
    </message>
    <message>
        <source>Breaches</source>
        <translation>Breaches</translation>
    </message>
    <message>
        <source>Breach rate</source>
        <translation>Breach rate</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>At risk</translation>
    </message>
    <message>
        <source>Bucket size</source>
        <translation>Bucket size</translation>
    </message>
    <message>
        <source>Hover a cell for its numbers, click it for its tickets.</source>
        <translation>Hover a cell for its numbers, click it for its tickets.</translation>
    </message>
    <message>
        <source>Waiting for the first data from the backend…</source>
        <translation>Waiting for the first data from the backend…</translation>
    </message>
    <message>
        <source>now</source>
        <translation>now</translation>
    </message>
    <message>
        <source>nothing due</source>
        <translation>nothing due</translation>
    </message>
    <message>
        <source>1 and more</source>
        <translation>1 and more</translation>
    </message>
    <message>
        <source>{n} and more</source>
        <translation>{n} and more</translation>
    </message>
    <message>
        <source>above 0%</source>
        <translation>above 0%</translation>
    </message>
    <message>
        <source>Breaches per bucket (10 and more: red)</source>
        <translation>Breaches per bucket (10 and more: red)</translation>
    </message>
    <message>
        <source>Breach rate, %</source>
        <translation>Breach rate, %</translation>
    </message>
    <message>
        <source>Warnings per bucket (20 and more: red)</source>
        <translation>Warnings per bucket (20 and more: red)</translation>
    </message>
    <message>
        <source>Breaches per bucket</source>
        <translation>Breaches per bucket</translation>
    </message>
    <message>
        <source>Warnings per bucket</source>
        <translation>Warnings per bucket</translation>
    </message>
</context>
<context>
    <name>StatusBarView</name>
    <message>
        <source>Backend: {url}</source>
        <translation>Backend: {url}</translation>
    </message>
    <message>
        <source>API {remaining}/{limit} per min</source>
        <translation>API {remaining}/{limit} per min</translation>
    </message>
    <message>
        <source>The backend allows {limit} requests a minute; {remaining} are left this minute. The cockpit keeps itself to {own} a minute.</source>
        <translation>The backend allows {limit} requests a minute; {remaining} are left this minute. The cockpit keeps itself to {own} a minute.</translation>
    </message>
    <message>
        <source>API ≤{limit} per min</source>
        <translation>API ≤{limit} per min</translation>
    </message>
    <message>
        <source>The cockpit keeps itself to {limit} requests a minute (see the settings).</source>
        <translation>The cockpit keeps itself to {limit} requests a minute (see the settings).</translation>
    </message>
    <message>
        <source>The budget is nearly used up: polls may wait for it.</source>
        <translation>The budget is nearly used up: polls may wait for it.</translation>
    </message>
    <message>
        <source>no API token: set {variable} or open Settings</source>
        <translation>no API token: set {variable} or open Settings</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>The backend&apos;s clock is {amount} ahead of this computer&apos;s.</source>
        <translation>The backend&apos;s clock is {amount} ahead of this computer&apos;s.</translation>
    </message>
    <message>
        <source>The backend&apos;s clock is {amount} behind this computer&apos;s.</source>
        <translation>The backend&apos;s clock is {amount} behind this computer&apos;s.</translation>
    </message>
    <message>
        <source>Some tickets are stamped up to {amount} later than the backend&apos;s own time.</source>
        <translation>Some tickets are stamped up to {amount} later than the backend&apos;s own time.</translation>
    </message>
    <message>
        <source>SLA clocks run on the backend&apos;s time; ask its administrator to check the server clock.</source>
        <translation>SLA clocks run on the backend&apos;s time; ask its administrator to check the server clock.</translation>
    </message>
    <message>
        <source>⚠ Clock skew</source>
        <translation>⚠ Clock skew</translation>
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
        <source>backend error</source>
        <translation>backend error</translation>
    </message>
    <message>
        <source>internal error (a cockpit bug; see the log)</source>
        <translation>internal error (a cockpit bug; see the log)</translation>
    </message>
    <message>
        <source>backend closed the connection</source>
        <translation>backend closed the connection</translation>
    </message>
    <message>
        <source>backend&apos;s answer was cut off</source>
        <translation>backend&apos;s answer was cut off</translation>
    </message>
    <message>
        <source>backend&apos;s answer is too large</source>
        <translation>backend&apos;s answer is too large</translation>
    </message>
    <message>
        <source>backend sent a web page (sign-in page?) instead of data</source>
        <translation>backend sent a web page (sign-in page?) instead of data</translation>
    </message>
    <message>
        <source>backend sent older data than shown (a cache?)</source>
        <translation>backend sent older data than shown (a cache?)</translation>
    </message>
    <message>
        <source>backend&apos;s data has stopped changing</source>
        <translation>backend&apos;s data has stopped changing</translation>
    </message>
    <message>
        <source>no API token: open Settings</source>
        <translation>no API token: open Settings</translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <source>Ticket {id}</source>
        <translation>Ticket {id}</translation>
    </message>
    <message>
        <source>Open in web UI</source>
        <translation>Open in web UI</translation>
    </message>
    <message>
        <source>The backend gave no web link for this ticket</source>
        <translation>The backend gave no web link for this ticket</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>{time} ({age} ago)</source>
        <translation>{time} ({age} ago)</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>unassigned</translation>
    </message>
    <message>
        <source>{level} since {time}</source>
        <translation>{level} since {time}</translation>
    </message>
    <message>
        <source>Escalated to</source>
        <translation>Escalated to</translation>
    </message>
    <message>
        <source>Waiting on</source>
        <translation>Waiting on</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Web link</source>
        <translation>Web link</translation>
    </message>
    <message>
        <source>met at {time} (due {due})</source>
        <translation>met at {time} (due {due})</translation>
    </message>
    <message>
        <source>breached: done at {time}, due {due}</source>
        <translation>breached: done at {time}, due {due}</translation>
    </message>
    <message>
        <source>{state}: late by {time} (due {due})</source>
        <translation>{state}: late by {time} (due {due})</translation>
    </message>
    <message>
        <source>{state}: {time} left (due {due})</source>
        <translation>{state}: {time} left (due {due})</translation>
    </message>
    <message>
        <source>paused while waiting on the customer</source>
        <translation>paused while waiting on the customer</translation>
    </message>
</context>
<context>
    <name>TicketListModel</name>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>not sent</translation>
    </message>
    <message>
        <source>Wall clock: {time}</source>
        <translation>Wall clock: {time}</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>system</source>
        <translation>system</translation>
    </message>
    <message>
        <source>ticket {id}</source>
        <translation>ticket {id}</translation>
    </message>
    <message>
        <source>Unknown outcome: the backend did not confirm it. Check in the backend whether it happened before trying again.</source>
        <translation>Unknown outcome: the backend did not confirm it. Check in the backend whether it happened before trying again.</translation>
    </message>
</context>
<context>
    <name>WallBoardView</name>
    <message>
        <source>target {target} · {b} breached · {r} at risk</source>
        <translation>target {target} · {b} breached · {r} at risk</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <source>{n} free</source>
        <translation>{n} free</translation>
    </message>
    <message>
        <source>Nothing about to breach</source>
        <translation>Nothing about to breach</translation>
    </message>
    <message>
        <source>About to breach</source>
        <translation>About to breach</translation>
    </message>
</context>
</TS>
