from django.urls import path

from boards import views

app_name = "boards"

urlpatterns = [
    path("boards/", views.board_list, name="list"),
    path("boards/new/", views.board_form, name="create"),
    path("boards/<int:pk>/", views.board_detail, name="detail"),
    path("boards/<int:pk>/edit/", views.board_form, name="edit"),
]
