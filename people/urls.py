from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("people/", views.person_list, name="list"),
    path("people/invite/", views.invite, name="invite"),
    path("people/<int:pk>/", views.person_detail, name="detail"),
    path("people/<int:pk>/role/", views.change_role, name="role"),
    path("people/<int:pk>/deactivate/", views.deactivate, name="deactivate"),
    path("people/<int:pk>/reactivate/", views.reactivate, name="reactivate"),
    path("people/<int:pk>/invite-again/", views.invite_again, name="invite_again"),
    path("invitation/<str:token>/", views.accept, name="accept"),
    path("posts/", views.post_list, name="posts"),
    path("posts/new/", views.post_form, name="post_create"),
    path("posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("posts/<int:pk>/edit/", views.post_form, name="post_edit"),
    path("posts/<int:pk>/hand-over/", views.hand_over, name="hand_over"),
    path("posts/<int:pk>/retire/", views.retire, name="retire"),
]
