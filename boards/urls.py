from django.urls import path

from boards import agenda_views, views

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
    path("meetings/<int:pk>/agenda/", agenda_views.agenda, name="agenda"),
    path(
        "meetings/<int:pk>/agenda/items/new/",
        agenda_views.agenda_item,
        name="agenda_item_create",
    ),
    path(
        "meetings/<int:pk>/agenda/items/<int:item_pk>/",
        agenda_views.agenda_item,
        name="agenda_item_edit",
    ),
    path("meetings/<int:pk>/agenda/issue/", agenda_views.agenda_issue, name="issue"),
    path("papers/<uuid:pk>/", agenda_views.paper, name="paper"),
    path(
        "papers/<uuid:pk>/withdraw/", agenda_views.paper_withdraw, name="paper_withdraw"
    ),
    path("decisions/", views.decision_register, name="decisions"),
    path("decisions/export.csv", views.decision_export, name="decisions_csv"),
]
