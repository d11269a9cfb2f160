"""What the candidate is told, in French, about a checked file: why it is refused, or what
the portal removed from the copy it keeps. « Imprimer » then « Enregistrer au format PDF »
stays the way out: such a copy holds only what is printed."""

from __future__ import annotations

PRINT_AGAIN = (
    "Ouvrez-le, choisissez « Imprimer » puis « Enregistrer au format PDF » comme imprimante, "
    "et ajoutez la copie obtenue."
)

REFUSALS = {
    "unreadable": "« {name} » n’a pas pu être lu comme un PDF valide : le portail ne peut "
    "donc pas le vérifier. " + PRINT_AGAIN,
    "encrypted": "« {name} » est un PDF protégé par un mot de passe : le portail ne peut pas "
    "vérifier son contenu. " + PRINT_AGAIN,
    "too_large": "« {name} » contient des données qui se décompressent en un volume démesuré "
    "ou sont trop longues à vérifier : le portail ne l’accepte pas. " + PRINT_AGAIN,
    "zip_bomb": "« {name} » se décompresse en un volume démesuré ou contient trop d’éléments : "
    "le portail ne l’accepte pas. Enregistrez le document de nouveau depuis votre traitement "
    "de texte, ou imprimez-le en PDF et ajoutez ce PDF.",
    "damaged_zip": "« {name} » est endommagé ou protégé par un mot de passe : le portail ne "
    "peut pas le lire. Enregistrez le document de nouveau, ou imprimez-le en PDF et ajoutez "
    "ce PDF.",
    "busy": "« {name} » n’a pas pu être vérifié : le portail vérifie déjà d’autres fichiers. "
    "Réessayez dans un instant ; rien n’a été enregistré.",
    "macros": "« {name} » contient des macros (des programmes qui s’exécutent dans le "
    "traitement de texte) : le portail ne les accepte pas. Enregistrez le document sans macros "
    "(au format .docx ou .odt ordinaire), ou imprimez-le en PDF et ajoutez ce PDF.",
}

REMOVED = {
    "javascript": "du JavaScript",
    "open_action": "une action lancée à l’ouverture",
    "additional_actions": "des actions automatiques (à l’ouverture d’une page, au survol…)",
    "launch": "une commande qui lance un programme",
    "embedded_files": "des fichiers joints",
    "xfa": "un formulaire dynamique (XFA)",
    "rich_media": "du contenu multimédia ou 3D",
    "encryption": "sa protection (chiffrement)",
}


def refusal(code: str, *, name: str) -> str:
    return REFUSALS.get(code, REFUSALS["unreadable"]).format(name=name)


def removed_sentence(codes: tuple[str, ...]) -> str:
    """The sentence added to « … est ajouté. » when the kept copy lost something, or ''."""
    if not codes:
        return ""
    what = [REMOVED[c] for c in REMOVED if c in codes]
    listed = ", ".join(what[:-1]) + " et " + what[-1] if len(what) > 1 else what[0]
    return (
        f" Le portail en a retiré {listed} ; c’est cette copie qu’il conserve. Si "
        "elle ne s’affiche pas comme prévu, ouvrez l’original, choisissez « Imprimer » puis "
        "« Enregistrer au format PDF », et ajoutez ce nouveau fichier."
    )
