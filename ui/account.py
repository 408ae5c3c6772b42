"""Hosted mode: sign-in with Streamlit's own ``st.login`` (OpenID Connect).

Switched on by an ``[auth]`` section in ``.streamlit/secrets.toml`` (docs/deploy.md). Without
it FootCheck is the local, no-account app: everything belongs to the account "". With it,
nobody gets past the welcome until signed in, and each account sees and owns only its own
profiles (a household under one account)."""

from __future__ import annotations

import streamlit as st

from .components import not_medical_advice


def sign_in_required() -> bool:
    """Is hosted mode on (an ``[auth]`` section in the secrets)?"""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: the local mode
        return False


def account() -> str:
    """The signed-in account's stable identity (issuer and subject), or "" in local mode.

    The subject (``sub``) never changes for a person at a provider, unlike an e-mail address,
    and the issuer keeps two providers' subjects apart."""
    if not sign_in_required() or not st.user.is_logged_in:
        return ""
    return f"{st.user.get('iss', '')}|{st.user.get('sub', '')}"


def signed_in_name() -> str:
    return str(st.user.get("email") or st.user.get("name") or st.user.get("sub") or "")


def require_sign_in() -> None:
    """In hosted mode, stop at a welcome with a sign-in button until the person signs in."""
    if not sign_in_required() or st.user.is_logged_in:
        return
    st.title("FootCheck")
    st.markdown(
        "A foot check and routine for back, hip and knee pain. Please sign in: your results "
        "are kept under your account, and nobody else can see them."
    )
    st.button("Sign in", type="primary", icon=":material/login:", on_click=st.login)
    not_medical_advice()
    st.stop()


def sign_out_button() -> None:
    if sign_in_required() and st.user.is_logged_in:
        st.button(
            "Sign out", icon=":material/logout:", on_click=st.logout,
            help=f"Signed in as {signed_in_name()}",
        )  # fmt: skip
