"""Words that the gazetteer holds as places but that war coverage almost always means otherwise.

GeoNames has villages called Mayor, Wagner, Police, March and Kim; English text names people,
months and offices far more often than those villages.  The place finder reads these tables; each
holds one kind of word, in the folded lower case of sitroom.resolve.names.fold.
"""

from __future__ import annotations

# Never a place on its own (a village of that name needs a qualifier: "March, Cambridgeshire").
COMMON_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today tonight tomorrow yesterday
    mayor president governor minister general police army navy air force military defence defense
    of the a an and or but in on at to for from by with as is are was were be it its this that these
    those he she they we you i his her their our my your who whom what when where which why how
    not no yes all any some more most many much few other such only own same so than too very
    can will just should now new old big great good bad high low long short first last next
    north south east west northern southern eastern western central upper lower
    union victory liberty freedom independence peace hope glory unity friendship progress
    day night morning evening week month year time war battle front line border city town village
    bar mine port bay lake river island sea hill hills park station centre center square market
    energy power gas oil grain water food aid fire rocket missile drone drones shell shells tank
    reuters ap afp bbc cnn tass ria interfax ukrinform telegram twitter facebook
    kremlin pentagon nato un eu osce iaea icrc unicef g7 g20 who imf
    russian russians ukrainian ukrainians belarusian european american british french german
    polish soviet western eastern
    wagner putin zelensky zelenskiy zelenskyy zelenskyi shoigu lavrov peskov prigozhin medvedev
    gerasimov surovikin kadyrov lukashenko biden macron scholz sunak johnson truss blinken austin
    stoltenberg erdogan klitschko budanov zaluzhny zaluzhnyi reznikov kuleba yermak podolyak
    podoliak arestovych pushilin saldo balitsky gladkov kim grossi guterres kirby sullivan
    harris trump merkel orban duda nauseda zakharova kirienko naryshkin patrushev bortnikov
    shmyhal stefanchuk venediktova kostin monastyrsky klymenko syrskyi syrsky tarnavsky
    sadovyi sadovy synehubov syniehubov starukh kyrylenko zhyvytskyi kim yanushevych
    marchenko shevchenko kovalenko bondarenko tkachenko kravchenko boyko melnyk moroz
    lysenko savchenko rudenko petrenko pavlenko
    christmas easter new eve
    one two three four five six seven eight nine ten eleven twelve hundred thousand
    see main live tweet press report update summary crash university park street avenue road
    hospital school church museum college hotel airport bridge plant factory zavod theatre
    theater mall stadium cathedral monastery academy institute house palace tower
    oblast region province rayon raion district village town city krai
    part image video photo photos footage map satellite man men woman women male female child
    make human fleet people world africa asia europe america azov bank swiss mobile
    arty artillery
    iskander kalibr kinzhal tochka shahed grad uragan smerch tornado himars javelin bayraktar
    lancet geran tor buk pantsir patriot leopard abrams bradley stryker storm shadow
    """.split()
)

# First names: the capitalised word after one of these is a surname, not a village.
FIRST_NAMES = frozenset(
    """
    vladimir volodymyr oleksii oleksiy alexei alexey aleksei alexander oleksandr aleksandr sergei sergey
    serhii serhiy dmitry dmytro dmitri mykhailo mikhail yuriy yuri yury andriy andrii andrey andrei
    vitaliy vitali vitaly viktor victor ivan petro pyotr pavlo pavel igor ihor oleg oleh denis denys
    yevgeny yevgeniy evgeny yevhen ramzan valery valeriy valerii vadym vadim vasyl vasily anatoly
    anatoliy maksym maxim kyrylo kirill mykola nikolai nikolay taras bohdan roman ruslan rustem
    rostyslav stanislav vyacheslav yaroslav borys boris konstantin kostiantyn gennady hennadiy
    leonid arseniy arseny fedir fyodor hryhoriy grigory yulia yuliia iryna irina olena elena
    oksana olga olha natalia nataliya tetiana tatiana svetlana maria mariia anna liudmyla lyudmila
    margarita kateryna ekaterina daria darya ursula annalena kaja liz rishi boris joe kamala
    antony lloyd jens emmanuel olaf recep antonio rafael mark john james david michael william
    richard robert thomas charles george paul peter jan andrzej mateusz gitanas alar ingrida
    krisjanis edgars kaja sanna ulf jake ned linda jen karine dmytro herman anton elon
    klaus nadeem helen martin caroline adam joe semyon pjotr tim jane kevin samantha
    maya marina sarah emma sophie laura julia victoria alice grace lucy amy kate chris dan ben sam tom
    """.split()
)

# Titles and roles: the capitalised word after one of these is a person.
TITLES = frozenset(
    """
    mr mrs ms dr prof sir lord lady mayor governor president minister premier chancellor senator
    general gen colonel col lieutenant lt major maj captain capt sergeant sgt commander admiral
    spokesperson spokesman spokeswoman ambassador secretary chief head adviser advisor aide
    deputy envoy patriarch pope king queen prince archbishop bishop father metropolitan
    journalist correspondent reporter blogger analyst officer soldier
    """.split()
)

# Names of organisations, outlets and things that contain a place name without naming the place.
NOT_PLACE_PHRASES = (
    "Kyiv Independent", "Kiev Independent", "Kyiv Post", "Kiev Post", "KyivPost", "Moscow Times",
    "Radio Free Europe", "Black Sea Fleet", "Kyiv regime", "Kiev regime", "Minsk agreements",
    "Minsk agreement", "Minsk accords", "Minsk protocol", "Normandy format", "Washington Post",
    "New York Times", "Financial Times", "Los Angeles Times", "Wall Street Journal", "Ukrainska Pravda",
    "Kyiv School of Economics", "Moscow Patriarchate", "Kyiv Patriarchate", "Azov regiment",
    "Azov battalion", "Azov brigade", "Kyiv Pechersk Lavra", "Moscow time", "Kyiv time", "Kiev time",
)

# After a name, these make it a street or road named after a place, not the place: "Moskovskoye
# Shosse" in Oryol, "Sumska Street" in Kharkiv.
STREET_WORDS = frozenset(
    """street st str avenue ave prospekt prospect prospekt boulevard blvd lane shosse chaussee vulytsia
    vul ulitsa ul""".split()
)

# English words and names that are also names of Ukrainian hamlets in the settlement codifier
# (sitroom.resolve.katottg); those hamlets are left out, since text means the word far more often.
ENGLISH_HAMLETS = frozenset(
    """as chop flora hat hut lazy marine mars milky nosy pole potash sad shyly side stare step stinky vary
    hunky rivets hart nobel kodak pravda spartak sasha tamara nikita mervyn""".split()
)
