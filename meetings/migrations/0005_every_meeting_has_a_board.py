"""Every meeting now has a board (0004 gave each one), so one is required.

Its own migration: on PostgreSQL the constraint cannot change in the transaction
that filled the column (pending trigger events)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_boards_agendas_papers_decisions"),
    ]

    operations = [
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
