"""The sign-in backends: Django's and allauth's, the signed-in user read by one statement.

Every signed-in request loads its user from the session's user id; Django's
``_default_manager.get(pk=…)`` spends about 1.5 ms of this machine's processor building and
compiling that query, three times what the database takes. The read is written out here;
everything else (password checks, permissions, allauth's rate limits) is the backends' own.
A session signed in under Django's own backend paths before this change is signed out once.
"""

from __future__ import annotations

from allauth.account import auth_backends
from django.contrib.auth import backends, get_user_model
from django.core.exceptions import ValidationError

READ = "SELECT * FROM auth_user WHERE id = %s"


class _UserRead:
    def get_user(self, user_id):
        User = get_user_model()
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = next(iter(User._default_manager.raw(READ, [pk])), None)
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(_UserRead, backends.ModelBackend):
    pass


class AuthenticationBackend(_UserRead, auth_backends.AuthenticationBackend):
    pass
