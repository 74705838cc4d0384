from django.urls import path

from boards import views

app_name = "boards"

urlpatterns = [
    path("boards/", views.board_list, name="list"),
    path("boards/new/", views.board_form, name="create"),
    path("boards/<int:pk>/", views.board_detail, name="detail"),
    path("boards/<int:pk>/edit/", views.board_form, name="edit"),
    path("meetings/<int:pk>/approve/", views.approve, name="approve"),
    path("meetings/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("meetings/<int:pk>/agreed/", views.agreed, name="agreed"),
    path(
        "meetings/items/<int:item_pk>/decisions/new/",
        views.decision_create,
        name="record_decision",
    ),
    path("decisions/", views.decision_register, name="decisions"),
    path("decisions/export.csv", views.decision_export, name="decisions_csv"),
]
