"""Meetings belong to a board: one board per meeting type there was, named after it."""

import django.db.models.deletion
from django.db import migrations, models


def one_board_per_meeting_type(apps, schema_editor):
    Board = apps.get_model("boards", "Board")
    MeetingType = apps.get_model("meetings", "MeetingType")
    Meeting = apps.get_model("meetings", "Meeting")
    for meeting_type in MeetingType.objects.all():
        board, _ = Board.objects.get_or_create(
            name=meeting_type.name, defaults={"meeting_type": meeting_type}
        )
        Meeting.objects.filter(meeting_type=meeting_type).update(board=board)


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0001_board"),
        ("meetings", "0003_item_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmeeting",
            name="board",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="boards.board",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="board",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="meetings",
                to="boards.board",
            ),
        ),
        migrations.RunPython(one_board_per_meeting_type, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="meeting",
            name="board",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="meetings",
                to="boards.board",
            ),
        ),
    ]
