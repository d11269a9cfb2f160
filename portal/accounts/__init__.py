"""The people's accounts, portal-wide: names, « Mes données » (export, correction, deletion),
the account's quotas and the retention of inactive accounts.

Every app declares what it holds of a person in its ``personal_data.py``
(``portal.accounts.registry``); this app never imports the apps it serves.
"""
