"""The consent agenda (docs/secretariat.md): a member's marks on each agenda item
(``panel``, opened from ``action``); the secretariat's list is ui/prepare/consent_view.py."""
