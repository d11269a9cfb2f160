from django.shortcuts import render


def start(request):
    return render(request, "selfcheck/start.html", {})
