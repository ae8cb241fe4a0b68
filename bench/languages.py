"""Hand-written vocabulary and sentence frames for the multilingual bench vault.

Every language names the same concepts in the same order (NOUNS, VERBS below), so a page
written from concepts can be rendered in each language as a translation of the others.
Nouns and verbs carry the word forms the frames need (plural, cases, conjugations,
particles), so that a page says "blockiert" and a query can say "blockieren": stemming,
not string equality, decides whether a note is found. Product names stay in English in
every language, as real translated help pages keep them.

Frames use slots {n:FORM}, {m:FORM} (two nouns), {v:FORM} (a verb) and {p} (a product).
A capitalised FORM ({n:Sg}) capitalises the first letter of the rendered words.
"""

NOUNS = ["note", "file", "folder", "vault", "link", "attachment", "image", "tag", "plugin", "theme",
         "setting", "backup", "hotkey", "heading", "block", "template", "property", "bookmark", "device",
         "account", "password", "history", "table", "page", "window", "tab", "sidebar", "command", "language",
         "format", "synchronization", "encryption", "index", "search", "update", "workspace", "calendar", "task",
         "advertisement", "search engine"]
VERBS = ["sync", "block", "encrypt", "delete", "save", "share", "find", "move", "publish", "install", "enable",
         "disable", "export", "import", "open", "edit", "sort", "filter", "index", "update"]
PRODUCTS = ["Obsidian Sync", "Obsidian Publish", "Canvas", "iCloud", "Dropbox", "Git", "Markdown", "YAML", "CSS",
            "PDF", "Android", "iOS", "Windows", "Linux", "macOS", "Dataview", "Excalidraw", "Kindle", "Readwise",
            "Zotero"]


def _lines(block):
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


LANGS = {}

# ---------------------------------------------------------------- English: sg|pl, inf|3sg|pp|ing
LANGS["en"] = dict(
    name="English", folder="en", spaced=True,
    nouns=_lines("""
note|notes
file|files
folder|folders
vault|vaults
link|links
attachment|attachments
image|images
tag|tags
plugin|plugins
theme|themes
setting|settings
backup|backups
hotkey|hotkeys
heading|headings
block|blocks
template|templates
property|properties
bookmark|bookmarks
device|devices
account|accounts
password|passwords
history|histories
table|tables
page|pages
window|windows
tab|tabs
sidebar|sidebars
command|commands
language|languages
format|formats
synchronization|synchronizations
encryption|encryptions
index|indexes
search|searches
update|updates
workspace|workspaces
calendar|calendars
task|tasks
advertisement|advertisements
search engine|search engines"""),
    verbs=_lines("""
sync|syncs|synced|syncing
block|blocks|blocked|blocking
encrypt|encrypts|encrypted|encrypting
delete|deletes|deleted|deleting
save|saves|saved|saving
share|shares|shared|sharing
find|finds|found|finding
move|moves|moved|moving
publish|publishes|published|publishing
install|installs|installed|installing
enable|enables|enabled|enabling
disable|disables|disabled|disabling
export|exports|exported|exporting
import|imports|imported|importing
open|opens|opened|opening
edit|edits|edited|editing
sort|sorts|sorted|sorting
filter|filters|filtered|filtering
index|indexes|indexed|indexing
update|updates|updated|updating"""),
    title="{n:Sg} for {m:pl} in {p}",
    heading="{v:Ing} {n:pl}",
    description="How to {v:inf} {n:pl} and {m:pl} with {p}.",
    alias="{n:Sg} {m:pl}",
    whatsnew="What's new in {p}",
    frames=[
        "To {v:inf} {n:pl}, open {p} and choose the {m:sg} in the settings.",
        "{p} {v:3sg} the {n:sg} whenever you change your {m:pl}.",
        "You can {v:inf} {n:pl} from the {m:sg} at any time.",
        "If the {n:sg} is not {v:pp}, check your {m:pl} first.",
        "{v:Ing} {n:pl} works with {p} on every {m:sg}.",
        "Some {n:pl} cannot be {v:pp} with {p} in the {m:sg}.",
        "Learn how {p} handles {n:pl} and {m:pl}.",
        "After you {v:inf} the {n:sg}, your {m:pl} appear in the sidebar.",
    ],
)

# ---------------------------------------------------------------- German: gender|sg|pl, inf|3sg|pp
LANGS["de"] = dict(
    name="German", folder="de", spaced=True,
    nouns=_lines("""
f|Notiz|Notizen
f|Datei|Dateien
m|Ordner|Ordner
m|Tresor|Tresore
m|Link|Links
m|Anhang|Anhänge
n|Bild|Bilder
m|Tag|Tags
n|Plugin|Plugins
n|Design|Designs
f|Einstellung|Einstellungen
f|Sicherung|Sicherungen
n|Tastenkürzel|Tastenkürzel
f|Überschrift|Überschriften
m|Block|Blöcke
f|Vorlage|Vorlagen
f|Eigenschaft|Eigenschaften
n|Lesezeichen|Lesezeichen
n|Gerät|Geräte
n|Konto|Konten
n|Passwort|Passwörter
m|Verlauf|Verläufe
f|Tabelle|Tabellen
f|Seite|Seiten
n|Fenster|Fenster
m|Reiter|Reiter
f|Seitenleiste|Seitenleisten
m|Befehl|Befehle
f|Sprache|Sprachen
n|Format|Formate
f|Synchronisierung|Synchronisierungen
f|Verschlüsselung|Verschlüsselungen
m|Index|Indizes
f|Suche|Suchen
f|Aktualisierung|Aktualisierungen
m|Arbeitsbereich|Arbeitsbereiche
m|Kalender|Kalender
f|Aufgabe|Aufgaben
f|Werbung|Werbungen
f|Suchmaschine|Suchmaschinen"""),
    verbs=_lines("""
synchronisieren|synchronisiert|synchronisiert
blockieren|blockiert|blockiert
verschlüsseln|verschlüsselt|verschlüsselt
löschen|löscht|gelöscht
speichern|speichert|gespeichert
teilen|teilt|geteilt
finden|findet|gefunden
verschieben|verschiebt|verschoben
veröffentlichen|veröffentlicht|veröffentlicht
installieren|installiert|installiert
aktivieren|aktiviert|aktiviert
deaktivieren|deaktiviert|deaktiviert
exportieren|exportiert|exportiert
importieren|importiert|importiert
öffnen|öffnet|geöffnet
bearbeiten|bearbeitet|bearbeitet
sortieren|sortiert|sortiert
filtern|filtert|gefiltert
indexieren|indexiert|indexiert
aktualisieren|aktualisiert|aktualisiert"""),
    title="{n:Sg} für {m:pl} in {p}",
    heading="{n:Pl} {v:inf}",
    description="Wie du {n:pl} und {m:pl} mit {p} {v:inf} kannst.",
    alias="{n:Sg} und {m:pl}",
    whatsnew="Neuigkeiten in {p}",
    frames=[
        "Um {n:pl} zu {v:inf}, öffne {p} und wähle {m:acc} in den Einstellungen.",
        "{p} {v:3sg} {n:acc}, wenn du {m:acc_pl} änderst.",
        "Du kannst {n:pl} jederzeit aus {m:dat} {v:inf}.",
        "Wenn {n:nom} nicht {v:pp} wird, prüfe zuerst {m:acc_pl}.",
        "Zum {v:Inf} von {n:dat_pl} brauchst du {p} auf jedem Gerät.",
        "Einige {n:pl} können mit {p} in {m:dat} nicht {v:pp} werden.",
        "Erfahre, wie {p} mit {n:dat_pl} und {m:dat_pl} umgeht.",
        "Nachdem du {n:acc} {v:pp} hast, erscheinen {m:nom_pl} in der Seitenleiste.",
    ],
)

# ---------------------------------------------------------------- French: gender|sg|pl, inf|3sg|pp
LANGS["fr"] = dict(
    name="French", folder="fr", spaced=True,
    nouns=_lines("""
f|note|notes
m|fichier|fichiers
m|dossier|dossiers
m|coffre|coffres
m|lien|liens
f|pièce jointe|pièces jointes
f|image|images
f|étiquette|étiquettes
m|plugin|plugins
m|thème|thèmes
m|paramètre|paramètres
f|sauvegarde|sauvegardes
m|raccourci|raccourcis
m|titre|titres
m|bloc|blocs
m|modèle|modèles
f|propriété|propriétés
m|signet|signets
m|appareil|appareils
m|compte|comptes
m|mot de passe|mots de passe
m|historique|historiques
m|tableau|tableaux
f|page|pages
f|fenêtre|fenêtres
m|onglet|onglets
f|barre latérale|barres latérales
f|commande|commandes
f|langue|langues
m|format|formats
f|synchronisation|synchronisations
m|chiffrement|chiffrements
m|index|index
f|recherche|recherches
f|mise à jour|mises à jour
m|espace de travail|espaces de travail
m|calendrier|calendriers
f|tâche|tâches
f|publicité|publicités
m|moteur de recherche|moteurs de recherche"""),
    verbs=_lines("""
synchroniser|synchronise|synchronisé
bloquer|bloque|bloqué
chiffrer|chiffre|chiffré
supprimer|supprime|supprimé
enregistrer|enregistre|enregistré
partager|partage|partagé
trouver|trouve|trouvé
déplacer|déplace|déplacé
publier|publie|publié
installer|installe|installé
activer|active|activé
désactiver|désactive|désactivé
exporter|exporte|exporté
importer|importe|importé
ouvrir|ouvre|ouvert
modifier|modifie|modifié
trier|trie|trié
filtrer|filtre|filtré
indexer|indexe|indexé
mettre à jour|met à jour|mis à jour"""),
    title="{n:Def} des {m:pl} dans {p}",
    heading="{v:Inf} les {n:pl}",
    description="Comment {v:inf} les {n:pl} et les {m:pl} avec {p}.",
    alias="{n:Pl} et {m:pl}",
    whatsnew="Nouveautés de {p}",
    frames=[
        "Pour {v:inf} les {n:pl}, ouvrez {p} et choisissez {m:def} dans les paramètres.",
        "{p} {v:3sg} {n:def} chaque fois que vous changez vos {m:pl}.",
        "Vous pouvez {v:inf} les {n:pl} depuis {m:def} à tout moment.",
        "Si {n:def} n'est pas {v:pp_agree}, vérifiez d'abord vos {m:pl}.",
        "{v:Inf} les {n:pl} fonctionne avec {p} sur chaque appareil.",
        "Certains {n:pl} ne peuvent pas être {v:pp} avec {p} dans {m:def}.",
        "Découvrez comment {p} gère les {n:pl} et les {m:pl}.",
        "Après avoir {v:pp} {n:def}, vos {m:pl} apparaissent dans la barre latérale.",
    ],
)

# ---------------------------------------------------------------- Spanish: gender|sg|pl, inf|3sg|pp
LANGS["es"] = dict(
    name="Spanish", folder="es", spaced=True,
    nouns=_lines("""
f|nota|notas
m|archivo|archivos
f|carpeta|carpetas
f|bóveda|bóvedas
m|enlace|enlaces
m|adjunto|adjuntos
f|imagen|imágenes
f|etiqueta|etiquetas
m|plugin|plugins
m|tema|temas
m|ajuste|ajustes
f|copia de seguridad|copias de seguridad
m|atajo|atajos
m|encabezado|encabezados
m|bloque|bloques
f|plantilla|plantillas
f|propiedad|propiedades
m|marcador|marcadores
m|dispositivo|dispositivos
f|cuenta|cuentas
f|contraseña|contraseñas
m|historial|historiales
f|tabla|tablas
f|página|páginas
f|ventana|ventanas
f|pestaña|pestañas
f|barra lateral|barras laterales
m|comando|comandos
m|idioma|idiomas
m|formato|formatos
f|sincronización|sincronizaciones
m|cifrado|cifrados
m|índice|índices
f|búsqueda|búsquedas
f|actualización|actualizaciones
m|espacio de trabajo|espacios de trabajo
m|calendario|calendarios
f|tarea|tareas
m|anuncio|anuncios
m|motor de búsqueda|motores de búsqueda"""),
    verbs=_lines("""
sincronizar|sincroniza|sincronizado
bloquear|bloquea|bloqueado
cifrar|cifra|cifrado
eliminar|elimina|eliminado
guardar|guarda|guardado
compartir|comparte|compartido
encontrar|encuentra|encontrado
mover|mueve|movido
publicar|publica|publicado
instalar|instala|instalado
activar|activa|activado
desactivar|desactiva|desactivado
exportar|exporta|exportado
importar|importa|importado
abrir|abre|abierto
editar|edita|editado
ordenar|ordena|ordenado
filtrar|filtra|filtrado
indexar|indexa|indexado
actualizar|actualiza|actualizado"""),
    title="{n:Def} de {m:defpl} en {p}",
    heading="{v:Inf} {n:defpl}",
    description="Cómo {v:inf} {n:defpl} y {m:defpl} con {p}.",
    alias="{n:Pl} y {m:pl}",
    whatsnew="Novedades de {p}",
    frames=[
        "Para {v:inf} {n:defpl}, abre {p} y elige {m:def} en los ajustes.",
        "{p} {v:3sg} {n:def} cada vez que cambias tus {m:pl}.",
        "Puedes {v:inf} {n:defpl} desde {m:def} en cualquier momento.",
        "Si {n:def} no está {v:pp_agree}, revisa primero tus {m:pl}.",
        "{v:Inf} {n:defpl} funciona con {p} en cada dispositivo.",
        "Algunos {n:pl} no se pueden {v:inf} con {p} en {m:def}.",
        "Descubre cómo {p} gestiona {n:defpl} y {m:defpl}.",
        "Después de {v:inf} {n:def}, tus {m:pl} aparecen en la barra lateral.",
    ],
)

# ---------------------------------------------------------------- Russian: nom|gen|acc|prep|nom_pl|gen_pl, inf|3sg|imp
LANGS["ru"] = dict(
    name="Russian", folder="ru", spaced=True,
    nouns=_lines("""
заметка|заметки|заметку|заметке|заметки|заметок
файл|файла|файл|файле|файлы|файлов
папка|папки|папку|папке|папки|папок
хранилище|хранилища|хранилище|хранилище|хранилища|хранилищ
ссылка|ссылки|ссылку|ссылке|ссылки|ссылок
вложение|вложения|вложение|вложении|вложения|вложений
изображение|изображения|изображение|изображении|изображения|изображений
тег|тега|тег|теге|теги|тегов
плагин|плагина|плагин|плагине|плагины|плагинов
тема|темы|тему|теме|темы|тем
настройка|настройки|настройку|настройке|настройки|настроек
резервная копия|резервной копии|резервную копию|резервной копии|резервные копии|резервных копий
сочетание клавиш|сочетания клавиш|сочетание клавиш|сочетании клавиш|сочетания клавиш|сочетаний клавиш
заголовок|заголовка|заголовок|заголовке|заголовки|заголовков
блок|блока|блок|блоке|блоки|блоков
шаблон|шаблона|шаблон|шаблоне|шаблоны|шаблонов
свойство|свойства|свойство|свойстве|свойства|свойств
закладка|закладки|закладку|закладке|закладки|закладок
устройство|устройства|устройство|устройстве|устройства|устройств
аккаунт|аккаунта|аккаунт|аккаунте|аккаунты|аккаунтов
пароль|пароля|пароль|пароле|пароли|паролей
история|истории|историю|истории|истории|историй
таблица|таблицы|таблицу|таблице|таблицы|таблиц
страница|страницы|страницу|странице|страницы|страниц
окно|окна|окно|окне|окна|окон
вкладка|вкладки|вкладку|вкладке|вкладки|вкладок
боковая панель|боковой панели|боковую панель|боковой панели|боковые панели|боковых панелей
команда|команды|команду|команде|команды|команд
язык|языка|язык|языке|языки|языков
формат|формата|формат|формате|форматы|форматов
синхронизация|синхронизации|синхронизацию|синхронизации|синхронизации|синхронизаций
шифрование|шифрования|шифрование|шифровании|шифрования|шифрований
индексация|индексации|индексацию|индексации|индексации|индексаций
поиск|поиска|поиск|поиске|поиски|поисков
обновление|обновления|обновление|обновлении|обновления|обновлений
рабочее пространство|рабочего пространства|рабочее пространство|рабочем пространстве|рабочие пространства|рабочих пространств
календарь|календаря|календарь|календаре|календари|календарей
задача|задачи|задачу|задаче|задачи|задач
реклама|рекламы|рекламу|рекламе|рекламы|реклам
поисковик|поисковика|поисковик|поисковике|поисковики|поисковиков"""),
    verbs=_lines("""
синхронизировать|синхронизирует|синхронизируйте
блокировать|блокирует|заблокируйте
шифровать|шифрует|зашифруйте
удалять|удаляет|удалите
сохранять|сохраняет|сохраните
отправлять|отправляет|отправьте
находить|находит|найдите
перемещать|перемещает|переместите
публиковать|публикует|опубликуйте
устанавливать|устанавливает|установите
включать|включает|включите
отключать|отключает|отключите
экспортировать|экспортирует|экспортируйте
импортировать|импортирует|импортируйте
открывать|открывает|откройте
редактировать|редактирует|отредактируйте
сортировать|сортирует|отсортируйте
фильтровать|фильтрует|отфильтруйте
индексировать|индексирует|проиндексируйте
обновлять|обновляет|обновите"""),
    title="{n:Nom} {m:gen_pl} в {p}",
    heading="Как {v:inf} {n:nom_pl}",
    description="Как {v:inf} {n:nom_pl} и {m:nom_pl} с помощью {p}.",
    alias="{n:Nom} и {m:nom_pl}",
    whatsnew="Что нового в {p}",
    frames=[
        "Чтобы {v:inf} {n:nom_pl}, откройте {p} и выберите {m:acc} в настройках.",
        "{p} {v:3sg} {n:acc}, когда вы меняете {m:nom_pl}.",
        "Вы можете {v:inf} {n:nom_pl} из {m:gen} в любое время.",
        "Если {n:nom} не работает, сначала проверьте {m:nom_pl}.",
        "{v:Imp} {n:acc} в {p} на каждом устройстве.",
        "Некоторые {n:nom_pl} нельзя {v:inf} в {m:prep} через {p}.",
        "Узнайте, как {p} обрабатывает {n:nom_pl} и {m:nom_pl}.",
        "После того как вы {v:3pl_past} {n:acc}, {m:nom_pl} появятся на боковой панели.",
    ],
)

# ---------------------------------------------------------------- Arabic: sg|pl[|def_sg|def_pl], masdar|3sg|imp
LANGS["ar"] = dict(
    name="Arabic", folder="ar", spaced=True,
    nouns=_lines("""
ملاحظة|ملاحظات
ملف|ملفات
مجلد|مجلدات
خزنة|خزنات
رابط|روابط
مرفق|مرفقات
صورة|صور
وسم|وسوم
إضافة|إضافات
سمة|سمات
إعداد|إعدادات
نسخة احتياطية|نسخ احتياطية|النسخة الاحتياطية|النسخ الاحتياطية
اختصار|اختصارات
عنوان|عناوين
كتلة|كتل
قالب|قوالب
خاصية|خصائص
إشارة مرجعية|إشارات مرجعية|الإشارة المرجعية|الإشارات المرجعية
جهاز|أجهزة
حساب|حسابات
كلمة مرور|كلمات مرور|كلمة المرور|كلمات المرور
سجل|سجلات
جدول|جداول
صفحة|صفحات
نافذة|نوافذ
علامة تبويب|علامات تبويب|علامة التبويب|علامات التبويب
شريط جانبي|أشرطة جانبية|الشريط الجانبي|الأشرطة الجانبية
أمر|أوامر
لغة|لغات
تنسيق|تنسيقات
مزامنة|مزامنات
تشفير|تشفيرات
فهرس|فهارس
بحث|عمليات بحث|البحث|عمليات البحث
تحديث|تحديثات
مساحة عمل|مساحات عمل|مساحة العمل|مساحات العمل
تقويم|تقاويم
مهمة|مهام
إعلان|إعلانات
محرك بحث|محركات بحث|محرك البحث|محركات البحث"""),
    verbs=_lines("""
مزامنة|يزامن|زامن
حظر|يحظر|احظر
تشفير|يشفر|شفر
حذف|يحذف|احذف
حفظ|يحفظ|احفظ
مشاركة|يشارك|شارك
إيجاد|يجد|ابحث عن
نقل|ينقل|انقل
نشر|ينشر|انشر
تثبيت|يثبت|ثبت
تفعيل|يفعل|فعل
تعطيل|يعطل|عطل
تصدير|يصدر|صدر
استيراد|يستورد|استورد
فتح|يفتح|افتح
تحرير|يحرر|حرر
فرز|يفرز|افرز
تصفية|يصفي|صف
فهرسة|يفهرس|فهرس
تحديث|يحدث|حدث"""),
    title="{n:sg} {m:defpl} في {p}",
    heading="{v:masdar} {n:defpl}",
    description="كيفية {v:masdar} {n:defpl} و{m:defpl} باستخدام {p}.",
    alias="{n:sg} و{m:pl}",
    whatsnew="الجديد في {p}",
    frames=[
        "ل{v:masdar} {n:defpl}، افتح {p} واختر {m:def} من الإعدادات.",
        "{v:3sg} {p} {n:def} كلما غيرت {m:defpl}.",
        "يمكنك {v:masdar} {n:defpl} من {m:def} في أي وقت.",
        "إذا لم يعمل {n:def}، تحقق أولا من {m:defpl}.",
        "{v:imp} {n:defpl} في {p} على كل جهاز.",
        "لا يمكن {v:masdar} بعض {n:defpl} في {m:def} عبر {p}.",
        "تعرف على كيفية تعامل {p} مع {n:defpl} و{m:defpl}.",
        "بعد {v:masdar} {n:def} تظهر {m:defpl} في الشريط الجانبي.",
    ],
)

# ---------------------------------------------------------------- Chinese: one form, no spaces
LANGS["zh"] = dict(
    name="Chinese", folder="zh", spaced=False,
    nouns=_lines("""
笔记
文件
文件夹
仓库
链接
附件
图片
标签
插件
主题
设置
备份
快捷键
标题
块
模板
属性
书签
设备
账户
密码
历史记录
表格
页面
窗口
标签页
侧边栏
命令
语言
格式
同步
加密
索引
搜索
更新
工作区
日历
任务
广告
搜索引擎"""),
    verbs=_lines("""
同步
屏蔽
加密
删除
保存
分享
查找
移动
发布
安装
启用
禁用
导出
导入
打开
编辑
排序
筛选
索引
更新"""),
    title="在{p}中{m:w}的{n:w}",
    heading="{v:w}{n:w}",
    description="如何使用{p}{v:w}{n:w}和{m:w}。",
    alias="{n:w}与{m:w}",
    whatsnew="{p}的新功能",
    frames=[
        "要{v:w}{n:w}，请打开{p}并在设置中选择{m:w}。",
        "每当你更改{m:w}时，{p}都会{v:w}{n:w}。",
        "你可以随时从{m:w}中{v:w}{n:w}。",
        "如果{n:w}没有{v:w}，请先检查{m:w}。",
        "在每台设备上都可以用{p}{v:w}{n:w}。",
        "有些{n:w}无法在{m:w}中通过{p}{v:w}。",
        "了解{p}如何处理{n:w}和{m:w}。",
        "{v:w}{n:w}之后，{m:w}会出现在侧边栏中。",
    ],
)

# ---------------------------------------------------------------- Japanese: noun; verb = suru stem or dict|polite|te|past
LANGS["ja"] = dict(
    name="Japanese", folder="ja", spaced=False,
    nouns=_lines("""
ノート
ファイル
フォルダ
保管庫
リンク
添付ファイル
画像
タグ
プラグイン
テーマ
設定
バックアップ
ホットキー
見出し
ブロック
テンプレート
プロパティ
ブックマーク
デバイス
アカウント
パスワード
履歴
表
ページ
ウィンドウ
タブ
サイドバー
コマンド
言語
形式
同期
暗号化
インデックス
検索
更新
ワークスペース
カレンダー
タスク
広告
検索エンジン"""),
    verbs=_lines("""
同期
ブロック
暗号化
削除
保存
共有
見つける|見つけます|見つけて|見つけた
移動
公開
インストール
有効化
無効化
エクスポート
インポート
開く|開きます|開いて|開いた
編集
並べ替える|並べ替えます|並べ替えて|並べ替えた
フィルタリング
インデックス化
更新"""),
    title="{p}での{m:w}の{n:w}",
    heading="{n:w}を{v:dict}",
    description="{p}で{n:w}と{m:w}を{v:dict}方法。",
    alias="{n:w}と{m:w}",
    whatsnew="{p}の新機能",
    frames=[
        "{n:w}を{v:dict}には、{p}を開いて設定で{m:w}を選びます。",
        "{m:w}を変更するたびに、{p}は{n:w}を{v:polite}。",
        "{m:w}からいつでも{n:w}を{v:dict}ことができます。",
        "{n:w}が{v:past}か分からない場合は、まず{m:w}を確認してください。",
        "{p}を使えば、どのデバイスでも{n:w}を{v:dict}ことができます。",
        "一部の{n:w}は{p}では{m:w}の中で{v:dict}ことができません。",
        "{p}が{n:w}と{m:w}をどのように扱うかを説明します。",
        "{n:w}を{v:te}から、{m:w}がサイドバーに表示されます。",
    ],
)

# ---------------------------------------------------------------- Korean: noun (particles added); verb = 하다 stem or dict|polite|past|ryeomyeon|adn
LANGS["ko"] = dict(
    name="Korean", folder="ko", spaced=True,
    nouns=_lines("""
노트
파일
폴더
보관소
링크
첨부 파일
이미지
태그
플러그인
테마
설정
백업
단축키
제목
블록
템플릿
속성
북마크
기기
계정
비밀번호
기록
표
페이지
창
탭
사이드바
명령어
언어
형식
동기화
암호화
색인
검색
업데이트
작업 공간
캘린더
할 일
광고
검색 엔진"""),
    verbs=_lines("""
동기화
차단
암호화
삭제
저장
공유
찾다|찾습니다|찾았습니다|찾으려면|찾을
이동
게시
설치
활성화
비활성화
내보내다|내보냅니다|내보냈습니다|내보내려면|내보낼
가져오다|가져옵니다|가져왔습니다|가져오려면|가져올
열다|엽니다|열었습니다|열려면|열
편집
정렬
필터링
색인
업데이트"""),
    title="{p}에서 {m:w} {n:w}",
    heading="{n:eul} {v:dict}",
    description="{p}로 {n:gwa} {m:eul} {v:dict} 방법입니다.",
    alias="{n:gwa} {m:w}",
    whatsnew="{p}의 새로운 기능",
    frames=[
        "{n:eul} {v:ryeomyeon} {p}을 열고 설정에서 {m:eul} 선택하세요.",
        "{m:eul} 변경할 때마다 {p}은 {n:eul} {v:polite}",
        "언제든지 {m:eseo} {n:eul} {v:adn} 수 있습니다.",
        "{n:i} 제대로 {v:past_noun} 않으면 먼저 {m:eul} 확인하세요.",
        "{p}을 사용하면 모든 기기에서 {n:eul} {v:adn} 수 있습니다.",
        "일부 {n:eun} {p}의 {m:eseo} {v:adn} 수 없습니다.",
        "{p}이 {n:gwa} {m:eul} 처리하는 방법을 알아보세요.",
        "{n:eul} {v:past}. 이제 {m:i} 사이드바에 나타납니다.",
    ],
)

# ---------------------------------------------------------------- Thai: one form, no spaces between words
LANGS["th"] = dict(
    name="Thai", folder="th", spaced=False,
    nouns=_lines("""
โน้ต
ไฟล์
โฟลเดอร์
ห้องนิรภัย
ลิงก์
ไฟล์แนบ
รูปภาพ
แท็ก
ปลั๊กอิน
ธีม
การตั้งค่า
การสำรองข้อมูล
ปุ่มลัด
หัวข้อ
บล็อก
เทมเพลต
คุณสมบัติ
บุ๊กมาร์ก
อุปกรณ์
บัญชี
รหัสผ่าน
ประวัติ
ตาราง
หน้า
หน้าต่าง
แท็บ
แถบด้านข้าง
คำสั่ง
ภาษา
รูปแบบ
การซิงค์
การเข้ารหัส
ดัชนี
การค้นหา
การอัปเดต
พื้นที่ทำงาน
ปฏิทิน
งาน
โฆษณา
เครื่องมือค้นหา"""),
    verbs=_lines("""
ซิงค์
บล็อก
เข้ารหัส
ลบ
บันทึก
แชร์
ค้นหา
ย้าย
เผยแพร่
ติดตั้ง
เปิดใช้งาน
ปิดใช้งาน
ส่งออก
นำเข้า
เปิด
แก้ไข
จัดเรียง
กรอง
สร้างดัชนี
อัปเดต"""),
    title="{n:w}สำหรับ{m:w}ใน {p}",
    heading="วิธี{v:w}{n:w}",
    description="วิธี{v:w}{n:w}และ{m:w}ด้วย {p}",
    alias="{n:w}และ{m:w}",
    whatsnew="มีอะไรใหม่ใน {p}",
    frames=[
        "หากต้องการ{v:w}{n:w} ให้เปิด {p} แล้วเลือก{m:w}ในการตั้งค่า",
        "{p} จะ{v:w}{n:w}ทุกครั้งที่คุณเปลี่ยน{m:w}",
        "คุณสามารถ{v:w}{n:w}จาก{m:w}ได้ตลอดเวลา",
        "ถ้า{n:w}ไม่ได้ถูก{v:w} ให้ตรวจสอบ{m:w}ก่อน",
        "การ{v:w}{n:w}ใช้งานได้กับ {p} บนทุกอุปกรณ์",
        "{n:w}บางรายการไม่สามารถ{v:w}ใน{m:w}ผ่าน {p} ได้",
        "เรียนรู้ว่า {p} จัดการ{n:w}และ{m:w}อย่างไร",
        "หลังจากที่คุณ{v:w}{n:w}แล้ว {m:w}จะปรากฏในแถบด้านข้าง",
    ],
)

CODES = list(LANGS)


def _cap(s):
    return s[:1].upper() + s[1:]


def _has_batchim(word):
    ch = word.rstrip()[-1]
    code = ord(ch) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def _ko_particle(word, with_final, without_final):
    return word + (with_final if _has_batchim(word) else without_final)


VOWELS_FR = "aeiouhéèêàâîôûAEIOUHÉ"


def noun_form(lang, index, form):
    """The rendered form FORM of noun number INDEX in language LANG."""
    f = LANGS[lang]["nouns"][index].split("|")
    if lang == "en":
        return {"sg": f[0], "pl": f[1]}[form]
    if lang == "de":
        g, sg, pl = f
        dat_pl = pl if pl.endswith(("n", "s")) else pl + "n"
        art = {"nom": {"m": "der", "f": "die", "n": "das"}, "acc": {"m": "den", "f": "die", "n": "das"},
               "dat": {"m": "dem", "f": "der", "n": "dem"}}
        return {"sg": sg, "pl": pl, "dat_pl": dat_pl, "nom": f"{art['nom'][g]} {sg}", "acc": f"{art['acc'][g]} {sg}",
                "dat": f"{art['dat'][g]} {sg}", "acc_pl": f"die {pl}", "nom_pl": f"die {pl}"}[form]
    if lang == "fr":
        g, sg, pl = f
        art = "l'" if sg[0] in VOWELS_FR else ("le " if g == "m" else "la ")
        return {"sg": sg, "pl": pl, "def": art + sg, "g": g}[form]
    if lang == "es":
        g, sg, pl = f
        return {"sg": sg, "pl": pl, "def": ("el " if g == "m" else "la ") + sg,
                "defpl": ("los " if g == "m" else "las ") + pl, "g": g}[form]
    if lang == "ru":
        return dict(zip(["nom", "gen", "acc", "prep", "nom_pl", "gen_pl"], f))[form]
    if lang == "ar":
        sg, pl = f[0], f[1]
        def_sg = f[2] if len(f) > 2 else "ال" + sg
        def_pl = f[3] if len(f) > 3 else "ال" + pl
        return {"sg": sg, "pl": pl, "def": def_sg, "defpl": def_pl}[form]
    if lang == "ko":
        w = f[0]
        return {"w": w, "eul": _ko_particle(w, "을", "를"), "i": _ko_particle(w, "이", "가"),
                "eun": _ko_particle(w, "은", "는"), "gwa": _ko_particle(w, "과", "와"), "eseo": w + "에서"}[form]
    return f[0]  # zh, ja, th: one form


def verb_form(lang, index, form):
    f = LANGS[lang]["verbs"][index].split("|")
    if lang == "en":
        return dict(zip(["inf", "3sg", "pp", "ing"], f))[form]
    if lang == "de":
        return dict(zip(["inf", "3sg", "pp"], f))[form]
    if lang in ("fr", "es"):
        return dict(zip(["inf", "3sg", "pp"], f))[form]
    if lang == "ru":
        inf = f[0]
        past_pl = inf[:-2] + "ли"  # синхронизировать -> синхронизировали
        return dict(zip(["inf", "3sg", "imp"], f), **{"3pl_past": past_pl})[form]
    if lang == "ar":
        return dict(zip(["masdar", "3sg", "imp"], f))[form]
    if lang == "ja":
        if len(f) == 1:
            s = f[0]
            return {"stem": s, "dict": s + "する", "polite": s + "します", "te": s + "して", "past": s + "した"}[form]
        return dict(zip(["dict", "polite", "te", "past"], f), stem=f[0])[form]
    if lang == "ko":
        if len(f) == 1:
            s = f[0]
            forms = {"stem": s, "dict": s + "하다", "polite": s + "합니다", "past": s + "했습니다", "ryeomyeon": s + "하려면",
                     "adn": s + "할", "past_noun": s + "되지"}
        else:
            forms = dict(zip(["dict", "polite", "past", "ryeomyeon", "adn"], f), stem=f[0])
            forms["past_noun"] = f[0][:-1] + "지"
        return forms[form]
    return f[0]


def agree(lang, noun_index, pp):
    """A French or Spanish past participle agreeing with a noun's gender."""
    g = noun_form(lang, noun_index, "g")
    if g != "f":
        return pp
    if lang == "fr":
        return pp if pp.endswith("e") else pp + "e"
    return pp[:-1] + "a" if pp.endswith("o") else pp


def render(lang, frame, n=None, m=None, v=None, p=None):
    """Fills a frame's slots; returns the text."""
    import re

    def slot(match):
        kind, form = match.group(1), match.group(2)
        if kind == "p":
            return p
        cap = form[:1].isupper()
        form = form[:1].lower() + form[1:]
        if kind in "nm":
            out = noun_form(lang, n if kind == "n" else m, form)
        elif form == "pp_agree":
            out = agree(lang, n, verb_form(lang, v, "pp"))
        else:
            out = verb_form(lang, v, form)
        return _cap(out) if cap else out

    return re.sub(r"\{([nmvp])(?::([A-Za-z0-9_]+))?\}", slot, frame)


# Forms a user may type for a noun or a verb (Korean and Japanese users type bare nouns and verb stems).
NOUN_FORMS = {"en": ["sg", "pl"], "de": ["sg", "pl"], "fr": ["sg", "pl"], "es": ["sg", "pl"],
              "ru": ["nom", "gen", "acc", "prep", "nom_pl", "gen_pl"], "ar": ["sg", "pl", "def", "defpl"],
              "ko": ["w"], "zh": ["w"], "ja": ["w"], "th": ["w"]}
VERB_FORMS = {"en": ["inf", "3sg", "pp", "ing"], "de": ["inf", "3sg", "pp"], "fr": ["inf", "3sg", "pp"],
              "es": ["inf", "3sg", "pp"], "ru": ["inf", "3sg", "imp"], "ar": ["masdar", "3sg"],
              "ko": ["stem", "dict"], "ja": ["stem", "dict", "polite"], "zh": ["w"], "th": ["w"]}


def check():
    for code, lang in LANGS.items():
        assert len(lang["nouns"]) == len(NOUNS), (code, len(lang["nouns"]))
        assert len(lang["verbs"]) == len(VERBS), (code, len(lang["verbs"]))
        for frame in lang["frames"] + [lang["title"], lang["heading"], lang["description"], lang["alias"]]:
            for n in range(len(NOUNS)):
                render(code, frame, n=n, m=(n + 1) % len(NOUNS), v=n % len(VERBS), p="Canvas")


check()
