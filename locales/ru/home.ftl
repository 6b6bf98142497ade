home-title = Прямые трансляции
home-no-open = Сейчас нет открытых трансляций.
home-last-update = Последнее обновление: { $when }
home-last-update-ago = Последнее обновление { $ago }
home-closed = Завершённые трансляции
feed-all-title = Все трансляции
