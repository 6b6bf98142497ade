home-title = Прямые трансляции
home-no-open = Сейчас нет открытых трансляций.
home-last-update = Последнее обновление
home-closed = Завершённые трансляции
feed-all-title = Все трансляции
