from django.urls import path

from publication import feeds, views

app_name = "publication"

urlpatterns = [
    # OPCC staff.
    path("meetings/<int:pk>/publication/", views.prepare, name="prepare"),
    path("meetings/<int:pk>/publish/", views.publish, name="publish"),
    path("publications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    # Everyone, signed in or not.
    path("public/", views.index, name="index"),
    path("public/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("public/meetings/<int:pk>/minutes.pdf", views.meeting_pdf, name="pdf"),
    path("public/papers/<int:pk>/", views.paper, name="paper"),
    path("public/decisions/", views.decisions, name="decisions"),
    path("public/actions/", views.actions, name="actions"),
    path("public/search/", views.search, name="search"),
    path("public/feed/", feeds.new_publications, name="feed"),
]
