"""What ``audit verify`` and the seal key say (workflow/audit_verify.py, audit_key.py, audit_anchor.py),
registered into the one catalog on import. {seq} and friends are the rows' 序号 (seq), as
``audit log`` shows them."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    # Here, not in region_facts: the replay's round check names a pair without reading regions.
    "replay.assignment_pair": {"zh": "轮次#{id}的核定分工（专家{expert}—学校{code}）",
                               "en": "round #{id}'s expert assignment ({expert} to school {code})"},
    # the key file
    "audit.key.damaged": {
        "zh": "封印密钥文件已损坏：{path}（{size}字节；密钥应为64个十六进制数字加一个换行）。"
              "这不是篡改结论：请从备份恢复该文件，在此之前既不能封印新记录，也不能校验封印。",
        "en": "The key file is damaged: {path} ({size} bytes; a key is 64 hex digits and a newline). "
              "This is not a tampering verdict: restore the file from a backup; until then no row can be "
              "sealed and no seal checked.",
    },
    "audit.key.unreadable": {
        "zh": "封印密钥文件无法读取：{path}（{detail}）。",
        "en": "The key file cannot be read: {path} ({detail}).",
    },
    # the verdict line
    "audit.v.intact": {
        "zh": "审计链完整：共{rows}条记录，校验通过。",
        "en": "Audit chain intact: {rows} rows verified.",
    },
    "audit.v.tampered": {
        "zh": "审计链校验未通过：记录被篡改（已读{rows}条）。",
        "en": "Audit chain check FAILED: the log was tampered with ({rows} rows read).",
    },
    "audit.v.damaged": {
        "zh": "无法完成校验：密钥或链头文件损坏（不是篡改结论）。",
        "en": "The check could not be completed: the key or head file is damaged (not a tampering verdict).",
    },
    # what was checked
    "audit.v.checked_chain": {
        "zh": "已校验{rows}条记录的序号、哈希及与前一条的链接。",
        "en": "Checked the numbers, hashes and links of {rows} rows.",
    },
    "audit.v.checked_seals": {
        "zh": "已用密钥校验{count}个封印：重建的哈希链或无密钥追加的记录都会被发现。",
        "en": "Checked {count} seals with the key: a rebuilt chain or a row added without the key would show.",
    },
    "audit.v.checked_tail": {
        "zh": "最新记录为序号{seq}，与密钥旁记录的链头（序号{head}）相符：末尾没有记录被删除。",
        "en": "The newest row is seq {seq}, consistent with the head kept beside the key (seq {head}): "
              "no rows were removed from the end.",
    },
    # what could not be checked
    "audit.v.no_key": {
        "zh": "未配置封印密钥，只校验了哈希链：封印未校验。",
        "en": "No seal key configured: hash chain only, no seals checked.",
    },
    "audit.v.key_unreadable": {
        "zh": "密钥文件{path}存在，但当前账户无法读取：封印和链头都未校验（请以服务账户运行）。",
        "en": "The key file {path} exists but this account cannot read it: seals and the head were not "
              "checked (run as the service account).",
    },
    "audit.v.no_key_forgery": {
        "zh": "没有密钥，无法发现：按公开算法重建的整条链，或带正确哈希追加的伪造记录。",
        "en": "Without the key these cannot be detected: a whole chain rebuilt with the public arithmetic, "
              "or a forged row appended with a correct hash.",
    },
    "audit.v.no_key_tail": {
        "zh": "没有密钥，无法发现最新的若干条记录被删除（或全部被删除）；请运行 starcampus audit init-key。",
        "en": "Without a key, the newest rows (or all rows) could have been removed undetected; "
              "run `starcampus audit init-key`.",
    },
    "audit.v.no_head": {
        "zh": "密钥旁尚未记录本数据库的链头（{path}）：最新的若干条记录可能被删除而无法发现；"
              "运行 starcampus audit init-key 立即记录，之后每次保存都会更新。",
        "en": "No head of this database is kept beside the key yet ({path}): the newest rows could have been "
              "removed undetected; run `starcampus audit init-key` to record it now (every save updates it).",
    },
    "audit.v.before_key": {
        "zh": "有{count}条记录写于生成密钥之前，没有封印，只校验了哈希链。",
        "en": "{count} rows were written before the key existed: no seal, hash chain only.",
    },
    # tampering, by kind
    # {about}: "" or audit.v.row_about (the school the row is about, and what it records); {facts}: "" or
    # audit.v.row_facts (what it now says of the school that the log's next row of it, or the database, does not)
    "audit.v.altered": {
        "zh": "序号{seq}的记录{about}内容与其哈希不符：该记录被改动。{facts}",
        "en": "Row seq {seq}{about}: its content does not match its hash: this row was altered.{facts}",
    },
    "audit.v.altered_more": {
        "zh": "另有{count}条记录（序号{first}至{last}之间）内容与其哈希不符：这些记录也被改动。",
        "en": "{count} more rows (between seq {first} and {last}) do not match their hashes: they were altered too.",
    },
    "audit.v.row_about": {"zh": "（{school}，{action}）", "en": " ({school}, {action})"},
    "audit.v.row_school": {"zh": "学校{code} {name}", "en": "school {code} {name}"},
    "audit.v.row_school_year": {"zh": "学校{code} {name} {year}年", "en": "school {code} {name} ({year})"},
    "audit.v.row_facts": {"zh": "被改动的事实：{facts}。", "en": " Facts changed: {facts}."},
    "audit.v.row_fact": {"zh": "{field}（该记录现为{recorded}，{where}为{actual}）",
                         "en": "{field} (the row now says {recorded}; {where} {actual})"},
    "audit.v.row_next": {"zh": "该校其后的第{seq}条记录", "en": "the school's next row, seq {seq}, says"},
    "audit.v.row_db": {"zh": "库中", "en": "the database holds"},
    "audit.v.relinked": {
        "zh": "序号{seq}记录的前序哈希与序号{before}不符：序号{before}的记录被改动后重算了哈希。",
        "en": "Row seq {seq}: its previous-hash does not match seq {before}: row {before} was altered and "
              "its hash recomputed.",
    },
    "audit.v.removed_one": {
        "zh": "序号{seq}之前缺少序号{first}的记录：该记录被删除。",
        "en": "Before seq {seq}, row seq {first} is missing: it was removed.",
    },
    "audit.v.removed_range": {
        "zh": "序号{seq}之前缺少序号{first}至{last}的记录：这些记录被删除。",
        "en": "Before seq {seq}, rows seq {first} to {last} are missing: they were removed.",
    },
    "audit.v.swapped": {
        "zh": "序号{a}与序号{b}的记录互换了位置（次序被调换），记录本身未被删除。",
        "en": "Rows seq {a} and seq {b} were swapped (their order changed); no row was removed.",
    },
    "audit.v.inserted": {
        "zh": "序号{seq}的记录是后来插入的（其后的记录被重新编号或链接越过了它）。",
        "en": "Row seq {seq} was slipped in later (the rows after it were renumbered, or link past it).",
    },
    "audit.v.renumbered": {
        "zh": "序号{seq}的记录原为序号{was}：序号被改动。",
        "en": "Row seq {seq} was seq {was}: its number was changed.",
    },
    "audit.v.moved": {
        "zh": "序号{seq}的记录存放在序号{expected}之前：记录的次序被调换。",
        "en": "Row seq {seq} is stored before seq {expected}: the rows' order was changed.",
    },
    "audit.v.out_of_order": {
        "zh": "序号{seq}出现在应为序号{expected}的位置：记录被插入、改号或调换。",
        "en": "Row seq {seq} stands where seq {expected} should: a row was inserted, renumbered or moved.",
    },
    "audit.v.seal_wrong": {
        "zh": "序号{seq}的密钥封印不符：该记录或其前面的哈希链被重写，或该记录是无密钥伪造的。",
        "en": "Row seq {seq}: its seal does not match: the row or the chain before it was rewritten, "
              "or the row was forged without the key.",
    },
    "audit.v.unsealed": {
        "zh": "序号{seq}的记录没有封印（封印为空），而密钥存在：封印被清除，或该记录是无密钥写入的。",
        "en": "Row seq {seq} has no seal (blank) although the key exists: its seal was removed, or it was "
              "written without the key.",
    },
    "audit.v.all_removed": {
        "zh": "审计记录已全部被删除：密钥旁记录的链头为序号{head}，库中一条也没有。",
        "en": "Every audit row was removed: the head kept beside the key is seq {head}, the table has none.",
    },
    "audit.v.tail_removed": {
        "zh": "最新的记录被删除：库中最新为序号{newest}，密钥旁记录的链头为序号{last}，"
              "序号{first}至{last}已不在。",
        "en": "The newest rows were removed: the table ends at seq {newest}, the head kept beside the key is "
              "seq {last}; rows seq {first} to {last} are gone.",
    },
    "audit.v.tail_removed_one": {
        "zh": "最新的一条记录被删除：库中最新为序号{newest}，密钥旁记录的链头为序号{last}。",
        "en": "The newest row was removed: the table ends at seq {newest}, the head kept beside the key is "
              "seq {last}.",
    },
    "audit.v.head_differs": {
        "zh": "序号{seq}的记录与密钥旁记录的链头不符：到它为止的链被重写，或最新的记录被删除后又写入了新记录。",
        "en": "Row seq {seq} differs from the head kept beside the key: the chain up to it was rewritten, or "
              "the newest rows were removed and new ones written since.",
    },
    # the head file
    "audit.v.head_damaged": {
        "zh": "链头文件已损坏：{path}（{detail}）。",
        "en": "The head file is damaged: {path} ({detail}).",
    },
    "audit.v.head_forged": {
        "zh": "链头文件中本数据库的记录与密钥不符：{path} 被改动。",
        "en": "This database's entry in the head file does not match the key: {path} was altered.",
    },
    "audit.v.head_other_db": {
        "zh": "密钥旁记录的链头属于此处另一个数据库（建于{theirs}），本数据库建于{ours}："
              "数据库被替换或重建，原有记录无法确认。",
        "en": "The head kept beside the key belongs to another database at this place (made {theirs}); this "
              "one was made {ours}: the database was replaced or made afresh, its old rows cannot be confirmed.",
    },
    # anchors in documents (audit verify --anchor)
    "audit.anchor.holds": {
        "zh": "文件锚点 序号{seq}:{hash} 仍在今天的审计链中，且到它为止的链完整未改：该文件所依据的记录未被改动。",
        "en": "The anchor seq {seq}:{hash} is still in today's chain, unchanged up to it: the record the "
              "document was made from stands.",
    },
    "audit.anchor.missing": {
        "zh": "文件锚点 序号{seq}:{hash} 已不在审计链中：序号{seq}的记录不存在（被删除）。",
        "en": "The anchor seq {seq}:{hash} is no longer in the chain: there is no row seq {seq} (removed).",
    },
    "audit.anchor.differs": {
        "zh": "文件锚点 序号{seq}:{hash} 与今天的记录不符（现为{now}）：到它为止的链被重写。",
        "en": "The anchor seq {seq}:{hash} does not match today's row (now {now}): the chain up to it was "
              "rewritten.",
    },
    "audit.anchor.broken_before": {
        "zh": "文件锚点 序号{seq}:{hash} 之前的链已断（自序号{at}起）：该文件所依据的记录被改动。",
        "en": "The chain is broken before the anchor seq {seq}:{hash} (from seq {at}): the record the "
              "document was made from was altered.",
    },
    "audit.anchor.none": {
        "zh": "{path} 中没有审计链锚点（可能由旧版本导出，或不是本程序导出的文件）。",
        "en": "{path} carries no audit anchor (exported by an older version, or not by this program).",
    },
    "audit.anchor.bad_text": {
        "zh": "“{text}”不是锚点：请给出导出文件的路径，或“序号:哈希”（如 57:3fa2c1d09b7e）。",
        "en": "'{text}' is not an anchor: give an exported file's path, or 'seq:hash' (e.g. 57:3fa2c1d09b7e).",
    },
    "audit.anchor.unreadable": {
        "zh": "无法读取 {path}：{detail}",
        "en": "Cannot read {path}: {detail}",
    },
    "replay.school": {"zh": "学校{code} {year}年", "en": "school {code} ({year})"},
    "replay.field": {"zh": "{school} {field}", "en": "{school}: {field}"},
    "replay.score": {"zh": "{school} {kind} {code}", "en": "{school}: {kind} {code}"},
    "replay.evidence": {"zh": "{score}的佐证/沿用标记", "en": "{score}: evidence / carried mark"},
    "replay.narrative": {"zh": "{school} 通报文字（{kind}）", "en": "{school}: notice text ({kind})"},
    "replay.campaign": {"zh": "评定工作#{id}", "en": "campaign #{id}"},
    "replay.campaign_field": {"zh": "评定工作#{id} {field}", "en": "campaign #{id}: {field}"},
    "replay.notice_text": {"zh": "评定工作#{id} 通报文稿“{key}”", "en": "campaign #{id}: notice text '{key}'"},
    "replay.round_notice_text": {"zh": "评定工作#{id} {year}年轮次通报文稿“{key}”",
                                 "en": "campaign #{id}, {year} round: notice text '{key}'"},
    "replay.user": {"zh": "用户“{name}”（角色/停用/学校/SSH密钥行与文件的摘要）",
                    "en": "user '{name}' (role/disabled/school/digest of the SSH key line and file)"},
    "replay.f.state": {"zh": "状态", "en": "state"},
    "replay.f.version": {"zh": "版本号", "en": "version"},
    "replay.f.self_total": {"zh": "自评总分", "en": "self total"},
    "replay.f.verified_total": {"zh": "核定总分", "en": "verified total"},
    "replay.f.star_level": {"zh": "星级", "en": "star level"},
    "replay.f.vetoes": {"zh": "一票否决", "en": "vetoes"},
    "replay.f.prior_level": {"zh": "本轮之前的星级", "en": "level before the round"},
    "replay.f.upward": {"zh": "上级认定结果", "en": "upward decision"},
    "replay.f.upward_from": {"zh": "所承接的下级评定记录", "en": "the county record it reviews"},
    "replay.f.publicized_at": {"zh": "公示开始时间", "en": "publicity start"},
    "replay.record": {"zh": "{school} {item}", "en": "{school}: {item}"},
    "replay.rec.p": {"zh": "问题清单第{id}项", "en": "problem ledger item {id}"},
    "replay.rec.v": {"zh": "核定记录第{id}项", "en": "verification record {id}"},
    "replay.rec.o": {"zh": "异议第{id}项", "en": "objection {id}"},
    "replay.rec.r": {"zh": "任务分解（责任人）", "en": "responsibilities"},
    "replay.round": {"zh": "轮次#{id}（{year}年）", "en": "round #{id} ({year})"},
    "replay.round_field": {"zh": "轮次#{id}（{year}年）的{field}", "en": "round #{id} ({year}): {field}"},
    "replay.r.campaign": {"zh": "所属评定工作", "en": "campaign"},
    "replay.r.year": {"zh": "年度", "en": "year"},
    "replay.r.kind": {"zh": "类型（初评/年度复核）", "en": "kind (initial/review)"},
    # a round's own working window, by the round's kind (a round of a kind this version does not know: the first)
    "replay.r.window_start": {"zh": "本轮工作开始日期", "en": "round window start"},
    "replay.r.window_end": {"zh": "本轮工作结束日期", "en": "round window end"},
    "replay.r.window_start.initial": {"zh": "初评工作开始日期", "en": "initial rating window start"},
    "replay.r.window_end.initial": {"zh": "初评工作结束日期", "en": "initial rating window end"},
    "replay.r.window_start.review": {"zh": "复核工作开始日期", "en": "review window start"},
    "replay.r.window_end.review": {"zh": "复核工作结束日期", "en": "review window end"},
    "replay.f.provisional": {"zh": "星级的暂行标准标记", "en": "provisional-rubric mark"},
    # the mark's two values ("库中为无，按审计记录应为有"), never the stored True/False
    "replay.v.provisional": {"zh": "有", "en": "marked provisional"},
    "replay.v.not_provisional": {"zh": "无", "en": "no mark"},
    # a value that is empty ("库中为空"), never a dash (workflow/audit_words.py)
    "replay.v.empty": {"zh": "空", "en": "no value"},
    # an upward decision's parts, each a field of its own where two decisions differ (named once each)
    "replay.f.upward_granted": {"zh": "上级认定结果", "en": "upward decision (granted or refused)"},
    "replay.f.upward_level": {"zh": "上级认定星级", "en": "upward decision's level"},
    "replay.f.upward_date": {"zh": "上级认定日期", "en": "upward decision's date"},
    # a whole decision: {result} outcome.upward / outcome.upward_refused, {level} word.level
    "replay.v.upward": {"zh": "{result}{level}（文号{doc_no}，{date}）",
                        "en": "{result}, {level} (document {doc_no}, {date})"},
    "replay.v.upward_no_level": {"zh": "{result}（文号{doc_no}，{date}）", "en": "{result} (document {doc_no}, {date})"},
    "replay.v.upward_none": {"zh": "未登记", "en": "none recorded"},
    "replay.v.review_publicity": {"zh": "须公示", "en": "publicized"},
    "replay.v.no_review_publicity": {"zh": "不公示", "en": "not publicized"},
    "replay.f.entry": {"zh": "进入本轮的方式（初评/申请晋级/局定复核）", "en": "how it entered its round"},
    "replay.f.application": {"zh": "晋级申请理由（摘要值）", "en": "promotion application (digest)"},
    "replay.f.improved": {"zh": "申请中提升的指标", "en": "indicators the application says improved"},
    "replay.f.upward_authority": {"zh": "上级认定机关", "en": "upward deciding authority"},
    "replay.f.upward_doc_no": {"zh": "上级认定文号", "en": "upward decision's document number"},
    "replay.c.phase": {"zh": "阶段", "en": "phase"},
    "replay.c.thresholds": {"zh": "星级分数线", "en": "thresholds"},
    "replay.c.windows": {"zh": "各阶段时间", "en": "phase windows"},
    "replay.c.publicity_days": {"zh": "公示天数", "en": "publicity days"},
    "replay.c.review_publicity": {"zh": "复核结果是否公示", "en": "review publicity"},
    "replay.c.title": {"zh": "评定工作名称", "en": "title"},
    "replay.c.organ": {"zh": "发文机关", "en": "issuing organ"},
    "replay.c.year": {"zh": "评定年度", "en": "year"},
    "replay.c.region": {"zh": "文件所署地区名称", "en": "region name the documents print"},
    "replay.c.rubric": {"zh": "所用评估标准（指标、分值、评分说明）", "en": "its rubric (indicators, points, guidance)"},
    "audit.v.filter_index": {
        "zh": "学校筛选索引与学校名册不一致：有人绕过程序改动了它，仪表盘的筛选和计数可能漏掉学校。"
              "请服务器管理员备份后在数据库中执行：{sql}",
        "en": "The school filter's index differs from the school register: it was changed behind the program, and the "
              "dashboard's filter and counts may leave schools out. The server's administrator should back up, then run "
              "in the database: {sql}"},
    "audit.v.checked_filter_index": {"zh": "学校筛选索引与学校名册一致", "en": "the school filter's index matches the register"},
    "replay.c.region_code": {"zh": "所属行政区划代码", "en": "region code"},
    "replay.school_register": {"zh": "学校名册中的{code}", "en": "school {code} of the register"},
    "replay.school_field": {"zh": "学校{code}的{field}", "en": "the {field} of school {code}"},
    "replay.sc.name": {"zh": "校名", "en": "name"},
    "replay.sc.township": {"zh": "乡镇", "en": "township"},
    "replay.sc.stage": {"zh": "学段", "en": "stage"},
    "replay.sc.display_order": {"zh": "排序", "en": "display order"},
    "replay.sc.region_code": {"zh": "所属行政区划代码", "en": "region code"},
    "replay.c.upward_of": {"zh": "承接下级推荐的年度", "en": "year of the upward review it holds"},
    "replay.c.succeeds": {"zh": "所承接的上一周期评定工作", "en": "campaign whose next cycle it is"},
    "replay.differs": {
        "zh": "{what}：库中为{actual}，按审计记录应为{expected}（第{seq}条起）——数据被绕过程序改动。",
        "en": "{what}: the database holds {actual}, the audit log says {expected} (from seq {seq}) — "
              "changed behind the program.",
    },
    "replay.laundered": {
        "zh": "{what}：第{seq}条记录（{action}）读回的值为{actual}，而此前审计记录为{expected}（第{since}条），"
              "这一操作不改动它——在两条记录之间被绕过程序改动。",
        "en": "{what}: seq {seq} ({action}) read back {actual}, while the log held {expected} (seq {since}) and "
              "that action does not change it — changed behind the program between the two rows.",
    },
    "replay.days_after_publicity": {
        "zh": "评定{id}：第{seq}条记录改了公示天数，而该评定自第{since}条记录起已开始公示，程序不允许此时改——"
              "改动前库曾被绕过程序改动（公示的开始被暂时抹去）。",
        "en": "campaign {id}: seq {seq} changed the publicity length after its publicity began (seq {since}), "
              "which the program refuses — the database was edited behind the program for it (the start hidden).",
    },
    "replay.removed": {
        "zh": "{what}：按审计记录应存在（第{seq}条），库中已被删除。",
        "en": "{what}: the audit log says it exists (seq {seq}); it was deleted from the database.",
    },
    "replay.untracked": {
        "zh": "{what}：库中存在，但没有任何审计记录写入过它——被直接插入。",
        "en": "{what}: in the database, but no audit row ever wrote it — inserted directly.",
    },
    "replay.more": {"zh": "另有{count}处不一致。", "en": "{count} more differences."},
    "replay.checked": {
        "zh": "按审计记录重建了{facts}项事实（分数、学校状态与版本、总分、星级、否决、上级认定、公示开始时间、"
              "问题与核定记录、阶段、时间、轮次、核定分工、分数线、通报文稿、用户与角色；自第{seq}条起），与库中一致",
        "en": "{facts} facts rebuilt from the audit log (scores, school states and versions, totals, levels, "
              "vetoes, upward decisions, publicity starts, problems and verification records, phases, windows, "
              "rounds, expert assignments, thresholds, notice texts, users and roles; from seq {seq}) "
              "agree with the database",
    },
    "replay.legacy": {
        "zh": "第{seq}条及之前的记录由旧版本写入，不带事实快照，且没有检查点：这些行写入的数据无法按记录重建；"
              "运行 starcampus db migrate 记下检查点。",
        "en": "Rows up to seq {seq} were written by an older version without facts and there is no checkpoint: "
              "what they wrote cannot be rebuilt; run starcampus db migrate to record one.",
    },
    "replay.empty_log": {
        "zh": "审计日志没有任何记录，但数据库中有{users}个用户、{schools}所学校、{campaigns}项评定工作："
              "这些只能经有审计记录的操作写入，日志可能已被整体删除。",
        "en": "The audit log holds no rows, yet the database has {users} users, {schools} schools and {campaigns} "
              "campaigns: those are only written by audited commands, so the log may have been deleted whole.",
    },
    "replay.no_facts": {
        "zh": "这{rows}条记录都不带事实快照（旧版本写入）：只校验了链，未能按记录重建数据。",
        "en": "None of the {rows} rows carries facts (an older version wrote them): only the chain was checked.",
    },
}

register(STRINGS)
