"""The notice texts' names in the officer's words (发文字号, 成文日期, 通报标题…), for every message that names one:
a save, a refusal, an ``audit verify`` finding. Below the doors and the replay, so each names a text alike;
the key itself (``document_number``) is shown only where it is typed (``notice show``, ``notice set``'s choices).
"""

from __future__ import annotations

from workflow.i18n import CATALOG, Msg, register

FACT_KEYS = (
    "addressee",  # 主送机关
    "document_number",  # 发文字号
    "basis_documents",  # 依据文件，一行一个：《标题》（文号）
    "evaluation_organs",  # 评估组织单位，一行一个
    "evaluation_methods",  # 评估方式，一行一个
    "contact_organ",  # 异议受理单位
    "contact_telephone",  # 联系电话
    "objection_address",  # 通讯地址
    "upward_authority",  # 上级认定机关，一行一个：星级=机关
    "school_problems_heading",  # 三、（一）的标题
)

register({
    "notice.label.title": {"zh": "通报标题", "en": "title"},
    "notice.label.basis": {"zh": "评估依据", "en": "basis"},
    "notice.label.general_problems": {"zh": "共性问题", "en": "general problems"},
    "notice.label.requirements": {"zh": "工作要求", "en": "requirements"},
    "notice.label.issue_date": {"zh": "成文日期", "en": "issue date"},
    "notice.label.order": {"zh": "学校顺序", "en": "school order"},
    "field.addressee": {"zh": "主送机关", "en": "addressee"},
    "field.document_number": {"zh": "发文字号", "en": "document number"},
    "field.basis_documents": {"zh": "依据文件", "en": "basis documents"},
    "field.evaluation_organs": {"zh": "评估组织单位", "en": "evaluating organs"},
    "field.evaluation_methods": {"zh": "评估方式", "en": "evaluation methods"},
    "field.contact_organ": {"zh": "异议受理单位", "en": "objections organ"},
    "field.contact_telephone": {"zh": "联系电话", "en": "contact telephone"},
    "field.objection_address": {"zh": "通讯地址", "en": "address for objections"},
    "field.upward_authority": {"zh": "上级认定机关", "en": "higher authority"},
    "field.school_problems_heading": {"zh": "学校问题标题", "en": "school problems heading"},
})


def notice_label(key: str) -> Msg | str:
    """A notice text's name (a fact's is its field's: 发文字号); a key no label knows, as it is."""
    name = f"field.{key}" if key in FACT_KEYS else f"notice.label.{key}"
    return Msg(name) if name in CATALOG else key
