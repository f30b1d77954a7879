"""Word output: the packet and the redline, with real tracked changes or visual marks."""

from contracttools.writers.docx.documents import write_packet, write_redline, write_summary

__all__ = ["write_packet", "write_redline", "write_summary"]
