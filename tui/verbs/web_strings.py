"""What the web verbs say (tui/verbs/web.py: web-token; tui/serve.py: the server's refusals and the
pages it shows a browser that is turned away), registered into the one catalog on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    # starcampus user web-token NAME
    "cli.web.revoked": {
        "zh": "已撤销 {name} 的网页登录链接（{count} 个）",
        "en": "Ended {name}'s web sign-in link ({count}).",
    },
    "cli.web.bad_url": {
        "zh": "--url 须为 http:// 或 https:// 地址：{url}",
        "en": "--url must be an http:// or https:// address: {url}",
    },
    "cli.web.link_for": {
        "zh": "{name} 的网页登录链接（仅显示一次；原有链接已失效）：",
        "en": "{name}'s web sign-in link (shown once; any earlier link has ended):",
    },
    # starcampus serve: refused before it listens
    "serve.no_as": {
        "zh": "serve 不接受 --as：每位用户用自己的链接登录（starcampus user web-token 用户名）",
        "en": "serve takes no --as: each officer signs in with their own link (starcampus user web-token NAME)",
    },
    "serve.password": {
        "zh": "拒绝：--db 中含有密码；请把密码放入 0600 的配置文件或 PGPASSFILE（docs/deploy-postgres.md）",
        "en": "Refused: --db carries a password; put it in a 0600 config file or PGPASSFILE "
              "(docs/deploy-postgres.md)",
    },
    "serve.remote": {
        "zh": "拒绝在 {host} 上监听：明文 http 会让登录链接被窃听；只绑定本机地址，确需远程访问请加 "
              "--allow-remote 并在前面放置 TLS 反向代理（docs/deploy-web.md）",
        "en": "Refusing to bind {host}: plain http would carry the sign-in links in clear; bind loopback, "
              "or use --allow-remote behind a TLS proxy (docs/deploy-web.md)",
    },
    "serve.public_url": {
        "zh": "--public-url 须为 http(s):// 地址：{url}",
        "en": "--public-url must be an http(s):// address: {url}",
    },
    "serve.listening": {
        "zh": "starcampus：{url}/（每位用户用自己的登录链接）",
        "en": "starcampus: {url}/ (each officer signs in with their own link)",
    },
    # the pages a browser is shown when turned away
    "serve.page.wrong_host": {"zh": "这个地址不属于本服务", "en": "This address does not belong to this server."},
    "serve.page.other_site": {
        "zh": "拒绝来自其他网站的请求",
        "en": "Refused: the request comes from another site.",
    },
    "serve.page.other_site_socket": {
        "zh": "拒绝来自其他网站的连接",
        "en": "Refused: the connection comes from another site.",
    },
    "serve.page.signed_out": {
        "zh": "需要个人登录链接，请向管理员索取（starcampus user web-token 用户名）",
        "en": "Sign in with your personal link; an administrator makes one with "
              "`starcampus user web-token NAME`.",
    },
}

register(STRINGS)
