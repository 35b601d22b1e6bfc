"""Linking: turn entities and relations into figures and progress records."""

from parkie.link.figures import LinkContext, link, report_context

__all__ = ["LinkContext", "link", "report_context"]
